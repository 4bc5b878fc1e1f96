"""The auditor's least privilege: the documented permissions are exactly those of the
requests the audit makes, as the fake names each request's permission."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from scanner.sources.live.gcp.collect import collect_gcp
from scanner.sources.live.gcp.permissions import (
    DISCOVERY_PERMISSIONS,
    IMPERSONATION_PERMISSIONS,
    auditor_permissions,
)
from scanner.sources.live.gcp.specs import LIVE_TYPES
from tests.live.gcp.estate import PROJECT, options
from tests.live.gcp.fake_google import FakeGoogle

DOC = Path(__file__).resolve().parents[3] / "docs" / "live-audit-gcp.md"


def _documented_roles() -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for block in re.findall(r"```yaml\n(.*?)\n```", DOC.read_text("utf-8"), re.S):
        role: dict[str, Any] = yaml.safe_load(block)
        roles[role["title"]] = role["includedPermissions"]
    return roles


def test_the_documented_roles_are_the_codes_permissions() -> None:
    roles = _documented_roles()
    assert roles["mlposture auditor"] == auditor_permissions()
    assert roles["mlposture project discovery"] == sorted(DISCOVERY_PERMISSIONS)
    for permission in IMPERSONATION_PERMISSIONS:
        assert f"`{permission}`" in DOC.read_text("utf-8")


def _every_collection(fake: FakeGoogle) -> None:
    parent = f"projects/{PROJECT}/locations/us-central1"
    for collection in (
        "endpoints",
        "indexEndpoints",
        "indexes",
        "datasets",
        "featurestores",
        "featureOnlineStores",
        "tensorboards",
        "metadataStores",
        "models",
    ):
        fake.add("aiplatform", {"name": f"{parent}/{collection}/one"})
    fake.add("aiplatform", {"name": f"{parent}/featurestores/one/entityTypes/customer"})
    for collection in ("customJobs", "trainingPipelines"):
        fake.add("aiplatform", {"name": f"{parent}/{collection}/j", "createTime": "2099-01-01"})
    fake.add("notebooks/v2", {"name": f"projects/{PROJECT}/locations/us-central1-a/instances/a"})
    fake.add("notebooks/v1", {"name": f"projects/{PROJECT}/locations/us-central1-a/instances/b"})
    fake.add("notebooks/v1", {"name": f"{parent}/runtimes/c"})
    fake.add_service_account(PROJECT, f"sa@{PROJECT}.iam.gserviceaccount.com")
    fake.add("artifactregistry", {"name": f"projects/{PROJECT}/locations/us/repositories/r"})
    fake.add("storage", {"name": "training-data-4821"}, PROJECT)
    fake.bucket_policies["training-data-4821"] = {
        "bindings": [{"role": "roles/storage.objectViewer", "members": ["group:ml@example.com"]}]
    }
    fake.policies[PROJECT] = {"bindings": [{"role": "roles/viewer", "members": ["user:a@b.c"]}]}
    fake.add_project("organizations/7", PROJECT)


def test_the_requests_made_need_exactly_the_documented_permissions(fake: FakeGoogle) -> None:
    _every_collection(fake)
    auditor = f"auditor@{PROJECT}.iam.gserviceaccount.com"
    load = collect_gcp(
        options(fake, projects=(), organization="7", impersonate_service_account=auditor),
        LIVE_TYPES,
    )
    assert load.gaps == []
    assert len(load.resources) == 20  # the bucket's policy: one grant
    used = {seen.permission for seen in fake.seen if seen.permission is not None}
    roles = _documented_roles()
    documented = {*roles["mlposture auditor"], *roles["mlposture project discovery"]}
    assert used == documented | set(IMPERSONATION_PERMISSIONS)
    assert all(seen.status == 200 for seen in fake.seen)
