"""A run as the store sees it: each result split into its rule, its resource and the rest,
each part named by the digest of its JSON so that unchanged parts are stored once."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# The result keys that come from the rule (the same for every resource it judges).
RULE_KEYS = ("rule_id", "title", "severity", "category", "frameworks", "remediation")
# Keys the store keeps in columns of their own, or that it adds itself.
_OWN_KEYS = frozenset({*RULE_KEYS, "fingerprint", "status", "resource", "evidence"})
_ADDED_KEYS = frozenset({"new", "first_seen"})
_SKIPPED_KEYS = _OWN_KEYS | _ADDED_KEYS
# Statuses a SIEM holds as open findings.
FINDING = frozenset({"failed", "suppressed"})


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


# For the digest of a result's content: key order is the order the report writes them in, the
# same run after run, so sorting (the slower encoder) buys nothing there.
_ENCODER = json.JSONEncoder(separators=(",", ":"), default=str)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Part:
    """A row of `rules` or `resources`: its digest and its columns."""

    digest: str
    row: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Observation:
    """One result of a run. Its parts are split out only when a span has to be opened for it:
    an unchanged result costs one digest."""

    fingerprint: str
    status: str
    digest: str  # of status, rule, resource, evidence and the rest: a span holds while it does
    rule: Part
    result: Mapping[str, Any]

    def resource(self, cache: dict[Any, Part] | None = None) -> Part:
        """The resource's row; `cache` shares it between the results of one resource."""
        resource = self.result.get("resource")
        resource = resource if isinstance(resource, Mapping) else {}
        try:  # a resource's fields are scalars: its items are a cheap, exact key
            key: Any = tuple(resource.items())
            hash(key)
        except TypeError:
            key = None
        part = cache.get(key) if cache is not None and key is not None else None
        if part is None:
            part = _resource_part(resource)
            if cache is not None and key is not None:
                cache[key] = part
        return part

    def extra(self) -> str | None:
        """JSON of the result's other keys (suppression, used_by, ...)."""
        rest = _rest(self.result)
        return _json(rest) if rest else None

    def evidence(self) -> str | None:
        evidence = self.result.get("evidence")
        return _json(evidence) if evidence is not None else None


@dataclass(frozen=True, slots=True)
class RunFacts:
    """What a run is, besides its results."""

    scope: dict[str, list[str]]
    generated_at: datetime
    command: str
    tool_version: str
    rules_version: str
    summary: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def scope_key(self) -> str:
        return hashlib.sha256(canonical_scope(self.scope).encode("utf-8")).hexdigest()

    @property
    def score(self) -> float | None:
        score = self.summary.get("score")
        return float(score) if isinstance(score, int | float) else None


def canonical_scope(scope: Mapping[str, Any]) -> str:
    """The same estate, whatever order its paths or accounts were listed in."""
    return _json({key: sorted(str(v) for v in values) for key, values in scope.items()})


def utc_naive(stamp: datetime) -> datetime:
    """Stored times are UTC without a zone (SQLite has no time zones)."""
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


class Observer:
    """Turns JSON-contract results into observations; rules seen once are split once."""

    def __init__(self) -> None:
        self._rules: dict[tuple[str, str], Part] = {}

    def observe(self, results: Iterable[Mapping[str, Any]]) -> dict[str, Observation]:
        """By fingerprint; results without one are not findings the store can follow."""
        observed: dict[str, Observation] = {}
        for result in results:
            fingerprint = result.get("fingerprint")
            if isinstance(fingerprint, str) and fingerprint:
                observed[fingerprint] = self._observation(fingerprint, result)
        return observed

    def _observation(self, fingerprint: str, result: Mapping[str, Any]) -> Observation:
        status = str(result.get("status"))
        rule = self._rule(result)
        content = [status, rule.digest, result.get("resource"), result.get("evidence")]
        content.append(_rest(result))
        return Observation(fingerprint, status, _digest(_ENCODER.encode(content)), rule, result)

    def _rule(self, result: Mapping[str, Any]) -> Part:
        # Within one run a rule id has one title, severity and mapping; its remediation text
        # depends on the source family, hence the second half of the key.
        key = (str(result.get("rule_id")), str(result.get("remediation")))
        part = self._rules.get(key)
        if part is None:
            body = _json({k: result.get(k) for k in RULE_KEYS})
            part = Part(
                _digest(body),
                {
                    "rule_id": key[0],
                    "title": str(result.get("title") or ""),
                    "severity": str(result.get("severity") or "info"),
                    "category": str(result.get("category") or ""),
                    "body": body,
                },
            )
            self._rules[key] = part
        return part


def _resource_part(resource: Mapping[str, Any]) -> Part:
    body = _json(resource)
    name, kind = resource.get("name"), resource.get("kind")
    return Part(
        _digest(body),
        {
            "resource_id": str(resource.get("id") or ""),
            "name": str(name) if name is not None else None,
            "kind": str(kind)[:128] if kind is not None else None,
            "body": body,
        },
    )


def _rest(result: Mapping[str, Any]) -> dict[str, Any] | None:
    keys = result.keys() - _SKIPPED_KEYS  # usually none: one set difference, in C
    return {k: result[k] for k in sorted(keys)} if keys else None


def rebuild(
    rule_body: str, resource_body: str, fingerprint: str, extra: str | None, evidence: str | None
) -> dict[str, Any]:
    """A stored finding back in the JSON contract (its status left to the caller)."""
    result: dict[str, Any] = json.loads(rule_body)
    result["resource"] = json.loads(resource_body)
    result["fingerprint"] = fingerprint
    if extra:
        result.update(json.loads(extra))
    if evidence:
        result["evidence"] = json.loads(evidence)
    return result


def covered_by_error(resource: Mapping[str, Any], errors: Iterable[Mapping[str, Any]]) -> bool:
    """Whether a run's error says the place of this resource was not (fully) read: a file
    that failed to parse, or an account / region / service of a live audit that could not be
    listed. A finding there that the run does not show is not known to be fixed."""
    kind_parts = {part.lower() for part in str(resource.get("kind") or "").split(".")}
    for error in errors:
        account = error.get("account")
        if account is None:
            where, file = str(error.get("file") or ""), str(resource.get("file") or "")
            if where and file and (file == where or file.startswith(where.rstrip("/") + "/")):
                return True
            continue
        if str(resource.get("account") or "") != str(account):
            continue
        region = str(error.get("region") or "")
        if region not in ("", "global", "*") and resource.get("region") not in (None, "", region):
            continue
        service = str(error.get("service") or "").lower()
        # An account that could not be entered at all (sts) hides every service in it.
        if service in ("", "*", "sts") or service in kind_parts:
            return True
    return False


def error_key(error: Mapping[str, Any]) -> str:
    """An error's place (not its message, which may carry a request id)."""
    return _json([error.get(k) for k in ("file", "line", "account", "region", "service")])
