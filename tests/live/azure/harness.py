"""What the Azure live tests share: a fake credential, and an in-process audit of a fake."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from azure.core.credentials import AccessToken

from scanner.pipeline import ScanOptions, audit
from scanner.report import Report
from scanner.sources.live.azure import AzureAuditOptions, azure_source
from scanner.sources.live.common import ProgressSink
from tests.live.azure.fake_arm import TOKEN, FakeArm
from tests.rules.cases import builtin_rulebook


@dataclass
class FakeCredential:
    """Any object with get_token will do (azure-core's TokenCredential protocol)."""

    token: str = TOKEN
    scopes: list[tuple[str, ...]] = field(default_factory=list)
    tenants: list[str | None] = field(default_factory=list)

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        self.tenants.append(kwargs.get("tenant_id"))
        return AccessToken(self.token, int(time.time()) + 3600)


def options(fake: FakeArm, ca_pem: Path, **more: Any) -> AzureAuditOptions:
    settings: dict[str, Any] = {
        "endpoint": fake.url,
        "credential": FakeCredential(),
        "connection_verify": str(ca_pem),
        "retry_backoff_factor": 0.01,
        "workers": 4,
    }
    settings.update(more)
    return AzureAuditOptions(**settings)


def audit_fake(
    fake: FakeArm,
    ca_pem: Path,
    rules: tuple[str, ...] = (),
    progress: ProgressSink | None = None,
    **more: Any,
) -> Report:
    return audit(
        azure_source(options(fake, ca_pem, **more)),
        ScanOptions(only_rules=rules, include_passed=True),
        progress,
        builtin_rulebook(),  # read once per session
    )


def statuses_by_name(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    """{resource name: {rule id: status}} of a JSON report."""
    found: dict[str, dict[str, str]] = {}
    for result in report["results"]:
        found.setdefault(result["resource"]["name"], {})[result["rule_id"]] = result["status"]
    return found
