"""What every exporter shares: the destination, the outcome of a delivery, the errors.

An exporter receives JSON-contract result dicts (`Report.as_dict()["results"]`) and returns
which of them it could not deliver; the driver in `scanner.exporters.run` spools those.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

JsonResult = Mapping[str, Any]

# Results with this status are not findings and are never shipped.
NOT_A_FINDING = frozenset({"passed"})


class Target(enum.StrEnum):
    SPLUNK_HEC = "splunk-hec"
    SYSLOG = "syslog"
    SECURITYHUB = "securityhub"


@dataclass(frozen=True, slots=True)
class Destination:
    """Where findings go. The token is kept out of repr, str and every message."""

    target: Target
    url: str = ""
    token: str | None = field(default=None, repr=False)
    verify_tls: bool = True
    ca_file: str | None = None
    scope: str = "default"  # Security Hub: the estate whose stale findings may be archived
    region: str | None = None  # Security Hub
    timeout: float = 10.0
    retries: int = 2  # quick retries of one request before the receiver counts as down
    backoff: float = 0.5

    @property
    def spool_key(self) -> str:
        """Names the spool of this destination: target and address, never the token."""
        where = self.url or self.region or "default"
        if self.target is Target.SECURITYHUB:
            where = f"{where}|{self.scope}"
        return f"{self.target.value}|{where}"

    def describe(self) -> str:
        where = self.url or self.region or "default region"
        return f"{self.target.value} at {where}"


class ExportFailure(Exception):
    """A delivery stopped. The message never contains the token."""


class ReceiverUnavailable(ExportFailure):
    """Down, 5xx, timed out: the findings wait in the spool and are tried again next run."""


class ReceiverRejected(ExportFailure):
    """4xx (bad token, bad request): reported, kept in the spool, not retried in this run."""


@dataclass(slots=True)
class Delivery:
    """What one exporter did with the results it was given."""

    delivered: int = 0
    undelivered: list[JsonResult] = field(default_factory=list)
    failure: ExportFailure | None = None


class Exporter(Protocol):
    """One destination's wire protocol."""

    def deliver(self, results: Sequence[JsonResult], tool: Mapping[str, Any]) -> Delivery:
        """Send `results`; return the ones not confirmed delivered.

        `Delivery.undelivered` holds the very objects given (in their order): the driver
        spools them and counts what was replayed by identity.
        """
        ...

    def reconcile(self, report: Mapping[str, Any]) -> int:
        """After a complete delivery of `report`: retire what it no longer contains.

        Returns how many stale findings were retired (0 where the protocol has no state).
        """
        ...

    def close(self) -> None: ...


def findings(report: Mapping[str, Any]) -> list[JsonResult]:
    """The results of a JSON-contract report that are findings (failed or suppressed)."""
    results = report.get("results") or []
    return [
        r
        for r in results
        if isinstance(r, Mapping) and r.get("status") not in NOT_A_FINDING and r.get("fingerprint")
    ]


def redact(text: str, secret: str | None) -> str:
    """The message with the secret removed, for errors that quote a server or a library."""
    if secret:
        text = text.replace(secret, "***")
    return text
