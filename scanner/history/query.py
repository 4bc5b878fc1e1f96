"""Reading the history: the runs, and what changed between two of them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, or_, select
from sqlalchemy.exc import SQLAlchemyError

from scanner.history.observe import FINDING
from scanner.history.schema import resources, rules, runs, scopes, spans
from scanner.history.store import StoreError

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")
_RANK = {name: len(SEVERITY_ORDER) - i for i, name in enumerate(SEVERITY_ORDER)}


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: int
    scope_id: int
    scope: dict[str, list[str]]
    command: str
    generated_at: datetime  # UTC
    tool_version: str
    rules_version: str
    score: float | None
    failed: int
    failed_by_severity: dict[str, int]
    new: int
    resolved: int
    carried: int
    errors: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "run": self.id,
            "generated_at": _stamp(self.generated_at),
            "scope": self.scope,
            "command": self.command,
            "tool_version": self.tool_version,
            "rules_version": self.rules_version,
            "score": self.score,
            "failed": self.failed,
            "failed_by_severity": self.failed_by_severity,
            "new": self.new,
            "resolved": self.resolved,
            "kept_open": self.carried,
            "errors": self.errors,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    fingerprint: str
    rule_id: str
    title: str
    severity: str
    resource_id: str
    resource_name: str | None
    first_seen: datetime | None  # start of its failing streak, UTC

    def as_dict(self, at: datetime | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "rule_id": self.rule_id,
            "title": self.title,
            "severity": self.severity,
            "resource": {"id": self.resource_id, "name": self.resource_name},
        }
        if self.first_seen is not None:
            out["first_seen"] = _stamp(self.first_seen)
            if at is not None:
                out["age_days"] = self.age_days(at)
        return out

    def age_days(self, at: datetime) -> int:
        return max(0, (at - self.first_seen).days) if self.first_seen else 0


@dataclass(frozen=True, slots=True)
class RunDiff:
    """From `before` to `after`: failed findings that appeared, went, stayed, were silenced."""

    before: RunInfo
    after: RunInfo
    new: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    still_failing: list[Finding] = field(default_factory=list)  # oldest first
    suppressed: list[Finding] = field(default_factory=list)  # failed before, suppressed now
    # Still failing but past the listing's limit: their counts by severity.
    omitted: dict[str, int] = field(default_factory=dict)

    def by_severity(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for name in ("new", "resolved", "still_failing", "suppressed"):
            found: list[Finding] = getattr(self, name)
            counts[name] = _count_by_severity(f.severity for f in found)
        for severity, count in self.omitted.items():
            counts["still_failing"][severity] = counts["still_failing"].get(severity, 0) + count
        return counts

    def as_dict(self) -> dict[str, Any]:
        at = self.after.generated_at
        return {
            "from": self.before.as_dict(),
            "to": self.after.as_dict(),
            "summary": self.by_severity(),
            "new": [f.as_dict(at) for f in self.new],
            "resolved": [f.as_dict() for f in self.resolved],
            "still_failing": [f.as_dict(at) for f in self.still_failing],
            "still_failing_not_listed": sum(self.omitted.values()),
            "suppressed": [f.as_dict() for f in self.suppressed],
        }


def _read(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except SQLAlchemyError as exc:
        raise StoreError(str(getattr(exc, "orig", None) or exc).splitlines()[0]) from None


def _scopes(conn: Connection) -> dict[int, dict[str, list[str]]]:
    return {
        int(i): json.loads(text) for i, text in conn.execute(select(scopes.c.id, scopes.c.scope))
    }


def _matches(scope: dict[str, list[str]], wanted: str | None) -> bool:
    return wanted is None or any(wanted in value for values in scope.values() for value in values)


def _info(row: Row[Any], scope: dict[str, list[str]]) -> RunInfo:
    summary = json.loads(row.summary or "{}")
    by_severity = summary.get("failed_by_severity")
    return RunInfo(
        id=int(row.id),
        scope_id=int(row.scope_id),
        scope=scope,
        command=row.command,
        generated_at=row.generated_at.replace(tzinfo=UTC),
        tool_version=row.tool_version,
        rules_version=row.rules_version,
        score=row.score,
        failed=int(row.failed),
        failed_by_severity=by_severity if isinstance(by_severity, dict) else {},
        new=int(row.new),
        resolved=int(row.resolved),
        carried=int(row.carried),
        errors=len(json.loads(row.errors or "[]")),
    )


def list_runs(engine: Engine, scope: str | None = None, limit: int | None = None) -> list[RunInfo]:
    """Runs oldest first: the last `limit` of them, of the scopes that mention `scope`."""
    with _read(engine) as conn:
        known = _scopes(conn)
        wanted = [i for i, s in known.items() if _matches(s, scope)]
        if not wanted:
            return []
        query = select(runs).where(runs.c.scope_id.in_(wanted)).order_by(runs.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        found = [_info(row, known[int(row.scope_id)]) for row in conn.execute(query)]
    return found[::-1]


def find_run(engine: Engine, run_id: int) -> RunInfo | None:
    with _read(engine) as conn:
        row = conn.execute(select(runs).where(runs.c.id == run_id)).first()
        return None if row is None else _info(row, _scopes(conn)[int(row.scope_id)])


def previous_run(engine: Engine, run: RunInfo) -> RunInfo | None:
    """The run of the same scope recorded just before `run`."""
    with _read(engine) as conn:
        query = (
            select(runs)
            .where(runs.c.scope_id == run.scope_id, runs.c.id < run.id)
            .order_by(runs.c.id.desc())
            .limit(1)
        )
        row = conn.execute(query).first()
        return None if row is None else _info(row, run.scope)


def diff_runs(engine: Engine, before: RunInfo, after: RunInfo, limit: int | None = None) -> RunDiff:
    """What changed from `before` to `after` (usually two runs of one scope). `limit` keeps
    only the oldest still-failing findings (their counts by severity stay whole)."""
    with _read(engine) as conn:
        rule_info = {
            int(i): (rule_id, title, severity)
            for i, rule_id, title, severity in conn.execute(
                select(rules.c.id, rules.c.rule_id, rules.c.title, rules.c.severity)
            )
        }
        times = {
            int(i): stamp.replace(tzinfo=UTC)
            for i, stamp in conn.execute(
                select(runs.c.id, runs.c.generated_at).where(
                    runs.c.scope_id.in_({before.scope_id, after.scope_id})
                )
            )
        }
        old, now = _members(conn, before), _members(conn, after)
        failed_old = {fp for fp, m in old.items() if m[0] == "failed"}
        failed_now = {fp for fp, m in now.items() if m[0] == "failed"}
        suppressed_now = {fp for fp, m in now.items() if m[0] == "suppressed"}
        still = sorted(
            failed_now & failed_old,
            key=lambda fp: (now[fp][1] or after.id, -_RANK.get(_severity(rule_info, now[fp]), 0)),
        )
        groups = {
            "new": [now[fp] for fp in failed_now - failed_old],
            "resolved": [old[fp] for fp in failed_old - failed_now - suppressed_now],
            "suppressed": [now[fp] for fp in failed_old & suppressed_now],
            "still_failing": [now[fp] for fp in still],
        }
        shown = {**groups, "still_failing": groups["still_failing"][:limit]}
        names = _resource_names(conn, {m[3] for found in shown.values() for m in found})

    def finding(member: _Member) -> Finding:
        _status, since, rule_ref, resource_ref, fingerprint = member
        rule_id, title, severity = rule_info.get(rule_ref, ("?", "", "info"))
        resource_id, name = names.get(resource_ref, ("?", None))
        first = times.get(since) if since is not None else None
        return Finding(fingerprint, rule_id, title, severity, resource_id, name, first)

    omitted = groups["still_failing"][len(shown["still_failing"]) :]
    return RunDiff(
        before,
        after,
        new=_sorted(finding(m) for m in groups["new"]),
        resolved=_sorted(finding(m) for m in groups["resolved"]),
        still_failing=[finding(m) for m in shown["still_failing"]],
        suppressed=_sorted(finding(m) for m in groups["suppressed"]),
        omitted=_count_by_severity(_severity(rule_info, m) for m in omitted),
    )


# status, failing_since run, rule ref, resource ref, fingerprint
_Member = tuple[str, int | None, int, int, str]


def _members(conn: Connection, run: RunInfo) -> dict[str, _Member]:
    """The findings (failed, suppressed) of one run, by fingerprint: ids only, no joins."""
    query = select(
        spans.c.fingerprint,
        spans.c.status,
        spans.c.failing_since,
        spans.c.rule_ref,
        spans.c.resource_ref,
    ).where(
        spans.c.scope_id == run.scope_id,
        spans.c.first_run <= run.id,
        or_(spans.c.last_run.is_(None), spans.c.last_run >= run.id),
        spans.c.status.in_(sorted(FINDING)),
    )
    return {
        fp: (status, since, int(rule), int(resource), fp)
        for fp, status, since, rule, resource in conn.execute(query).fetchall()
    }


def _resource_names(conn: Connection, refs: set[int]) -> dict[int, tuple[str, str | None]]:
    names: dict[int, tuple[str, str | None]] = {}
    ordered = sorted(refs)
    for start in range(0, len(ordered), 1000):
        query = select(resources.c.id, resources.c.resource_id, resources.c.name).where(
            resources.c.id.in_(ordered[start : start + 1000])
        )
        names.update((int(i), (resource_id, name)) for i, resource_id, name in conn.execute(query))
    return names


def _severity(rule_info: dict[int, tuple[str, str, str]], member: _Member) -> str:
    return rule_info.get(member[2], ("?", "", "info"))[2]


def _count_by_severity(severities: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for severity in severities:
        counts[severity] = counts.get(severity, 0) + 1
    return counts


def _sorted(found: Iterable[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (-_RANK.get(f.severity, 0), f.rule_id, f.resource_id))
