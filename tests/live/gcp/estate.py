"""Helpers shared by the live Google tests: options aimed at the fake, fixture seeding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from google.oauth2.credentials import Credentials

from scanner.sources.live.gcp.options import GcpAuditOptions
from tests.live.gcp.fake_google import FakeGoogle

PROJECT = "ml-platform-prod-4821"


def options(fake: FakeGoogle, **more: Any) -> GcpAuditOptions:
    """Options that read the fake with a token given in process (no credential chain)."""
    settings: dict[str, Any] = {
        "projects": (PROJECT,),
        "credentials": Credentials(token="x"),  # type: ignore[no-untyped-call]
        "endpoints": fake.endpoints,
        "backoff": 0.0,
        "workers": 4,
    }
    settings.update(more)
    return GcpAuditOptions(**settings)


def load_fixture(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def seed(fake: FakeGoogle, fixture: dict[str, Any]) -> str:
    """Put a live fixture's resources and IAM policy into the fake; its project."""
    project = str(fixture.get("project", PROJECT))
    for entry in fixture.get("resources", []):
        fake.add(entry["api"], entry["item"], project)
    if "iam_policy" in fixture:
        fake.policies[project] = fixture["iam_policy"]
    fake.bucket_policies.update(fixture.get("bucket_policies", {}))
    return project
