"""What every live source (AWS, Azure, Google) hands the pipeline: native resources, the
coverage gaps met on the way, and progress; one shape so the pipeline judges them alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from scanner.model.resource import NativeResource


class ProgressSink(Protocol):
    """Told how much work each account and region holds, and when a piece of it is done.

    `account` is the AWS account, Azure subscription or Google project; `region` the AWS
    region, Azure resource group / region or Vertex AI location."""

    def add(self, account: str, region: str, total: int) -> None: ...

    def advance(self, account: str, region: str) -> None: ...


class AuditSetupError(Exception):
    """The base credentials do not work at all: nothing can be audited (exit code 2)."""


@dataclass(frozen=True, slots=True)
class CoverageGap:
    """An (account, region, service) the audit could not read, and why."""

    account: str
    region: str
    service: str
    reason: str  # access-denied | region-not-enabled | credentials-expired | throttled | ...
    detail: str
    provider: str = "aws"

    @property
    def where(self) -> str:
        return f"{self.provider}://{self.account}/{self.region}/{self.service}"

    @property
    def message(self) -> str:
        return f"not covered ({self.reason}): {self.detail}"


@dataclass(slots=True)
class LiveLoad:
    resources: list[NativeResource] = field(default_factory=list)
    gaps: list[CoverageGap] = field(default_factory=list)
    accounts: int = 0  # accounts / subscriptions / projects whose credentials worked
    regions: int = 0
    # Said once per scope, not an error: "project p: the Vertex AI API is not enabled".
    notes: list[str] = field(default_factory=list)
    # What was audited, for the report's scope: {"accounts": [...]} / {"subscriptions": ...}.
    scope: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LiveSource:
    """One cloud's live audit: every native type it can collect, and how to collect the ones
    the rules need. The CLI builds it, so the pipeline never imports a cloud SDK itself."""

    provider: str  # aws | azure | gcp
    native_types: frozenset[str]
    collect: Callable[[frozenset[str], ProgressSink | None], LiveLoad]


def http_gap(status: int, detail: str) -> tuple[str, str]:
    """(reason, detail) of a REST API's error status once the client's retries are spent:
    the same words for every cloud that answers over HTTP."""
    if status == 401:
        return "credentials-expired", detail
    if status == 403:
        return "access-denied", detail
    if status == 404:
        return "not-found", detail
    if status == 429:
        return "throttled", detail + " (after the retries)"
    if status >= 500:
        return "server-error", detail + " (after the retries)"
    return "api-error", detail
