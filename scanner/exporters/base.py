"""What every exporter shares: the destination, the outcome of a delivery, the errors.

An exporter receives JSON-contract result dicts (`Report.as_dict()["results"]`) and returns
which of them it could not deliver; the driver in `scanner.exporters.run` spools those.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
        """Names the spool of this destination: target and address, never the token. Only
        its hash is written (the folder's name); `spool_label` is what is written out."""
        return self._key(self.url)

    @property
    def spool_label(self) -> str:
        """The spool key as written in the spool folder: credentials in the URL redacted."""
        return self._key(redact_url(self.url) if self.url else "")

    def _key(self, url: str) -> str:
        where = url or self.region or "default"
        if self.target is Target.SECURITYHUB:
            where = f"{where}|{self.scope}"
        return f"{self.target.value}|{where}"

    def describe(self) -> str:
        where = redact_url(self.url) if self.url else self.region or "default region"
        return f"{self.target.value} at {where}"

    def secrets(self) -> list[str]:
        """What no message may contain: the token, and credentials written in the URL."""
        return [s for s in (self.token, *url_secrets(self.url)) if s]


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


def redact(text: str, secrets: str | Iterable[str] | None) -> str:
    """The message with the secrets removed, for errors that quote a server or a library."""
    if isinstance(secrets, str):
        secrets = [secrets]
    # Longest first: a secret that contains another is removed whole.
    for secret in sorted(secrets or (), key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


_SHORTEST_SECRET = 4
_USERINFO = re.compile(r"(?<=//)[^/?#@]*@")


def url_secrets(url: str) -> list[str]:
    """Credentials written in a URL: the user info and every query value (a password or a
    key in `?...` is common; which parameter holds one is not knowable)."""
    try:
        parts = urlsplit(url)
        found = [parts.username or "", parts.password or ""]
        found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    except ValueError:
        return [m.group(0)[:-1] for m in _USERINFO.finditer(url)]
    # Shorter ones would turn every "1" of a message into ***; URLs are printed redacted
    # whole (redact_url), this only guards what libraries quote.
    return [s for s in found if len(s) >= _SHORTEST_SECRET]


def redact_url(url: str) -> str:
    """The URL fit to print: user info and query values replaced by ***."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = "***@" + netloc.rsplit("@", 1)[1]
        query = urlencode(
            [(key, "***") for key, _ in parse_qsl(parts.query, keep_blank_values=True)],
            safe="*",
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return _USERINFO.sub("***@", url.split("?", 1)[0])
