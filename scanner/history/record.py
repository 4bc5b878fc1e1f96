"""Recording a run: one row in `runs`, and span rows only for what changed since the scope's
previous run. Everything happens in one transaction, in bulk statements."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from scanner.history.bulk import bulk_insert
from scanner.history.observe import (
    FINDING,
    Observation,
    Part,
    RunFacts,
    canonical_scope,
    covered_by_error,
    error_key,
    rebuild,
    utc_naive,
)
from scanner.history.schema import resources, rules, runs, scopes, spans
from scanner.history.store import StoreError

log = logging.getLogger(__name__)

CHUNK = 1000  # bound parameters per IN (...) list: below every SQLite and PostgreSQL limit


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What recording a run learned about it."""

    run_id: int
    previous_run: int | None
    first_seen: dict[str, datetime]  # failed fingerprint -> start of its failing streak (UTC)
    new: frozenset[str]  # failed now, not failing in the previous run of the scope
    changed: frozenset[str]  # new, or changed status or evidence since the previous run
    resolved: list[dict[str, Any]]  # findings no longer failed / suppressed, status "resolved"
    resolved_failed: int  # of those, the ones that were failed (not suppressed)
    carried: int  # absent, but in a place the run could not read: kept open
    new_errors: int  # errors at places the previous run read without error


@dataclass(frozen=True, slots=True)
class _Open:
    span_id: int
    status: str
    digest: str
    failing_since: int | None


def record_run(engine: Engine, facts: RunFacts, observed: Mapping[str, Observation]) -> RunRecord:
    """Store one run; raises StoreError when the store cannot be written."""
    try:
        with engine.begin() as conn:
            return _record(conn, facts, observed)
    except SQLAlchemyError as exc:
        raise StoreError(str(getattr(exc, "orig", None) or exc).splitlines()[0]) from None


def _record(conn: Connection, facts: RunFacts, observed: Mapping[str, Observation]) -> RunRecord:
    scope_id = _scope_id(conn, facts)
    # The run row first: on SQLite that write takes the database's write lock, on PostgreSQL
    # the scope row is locked; either way two recordings of one scope take turns from here.
    run_id = _insert_run(conn, scope_id, facts)
    previous = conn.execute(
        select(func.max(runs.c.id)).where(runs.c.scope_id == scope_id, runs.c.id < run_id)
    ).scalar()
    opened = _open_spans(conn, scope_id) if previous is not None else {}

    first_seen_run: dict[str, int] = {}
    new: set[str] = set()
    to_open: list[tuple[Observation, int | None]] = []
    to_close: list[int] = []
    resolved_ids: list[int] = []
    for fingerprint, obs in observed.items():
        span = opened.pop(fingerprint, None)
        was_failing = span is not None and span.status == "failed"
        if span is not None and span.digest == obs.digest:
            if span.failing_since is not None:
                first_seen_run[fingerprint] = span.failing_since
            continue
        since: int | None = None
        if obs.status == "failed":
            since = span.failing_since if span is not None and was_failing else None
            since = since if since is not None else run_id
            first_seen_run[fingerprint] = since
            if not was_failing:
                new.add(fingerprint)
        if span is not None:
            to_close.append(span.span_id)
            if span.status in FINDING and obs.status not in FINDING:
                resolved_ids.append(span.span_id)
        to_open.append((obs, since))

    carried = _carried(conn, opened, facts.errors)
    for fingerprint, span in opened.items():
        if fingerprint not in carried:
            to_close.append(span.span_id)
            if span.status in FINDING:
                resolved_ids.append(span.span_id)

    _close(conn, to_close, previous)
    _insert_spans(conn, scope_id, run_id, to_open)
    resolved_was = _resolved(conn, resolved_ids)
    resolved_failed = sum(1 for was, _ in resolved_was if was == "failed")
    new_errors = _new_errors(conn, previous, facts.errors)
    failed = sum(1 for o in observed.values() if o.status == "failed")
    conn.execute(
        update(runs)
        .where(runs.c.id == run_id)
        .values(failed=failed, new=len(new), resolved=resolved_failed, carried=len(carried))
    )
    return RunRecord(
        run_id=run_id,
        previous_run=previous,
        first_seen=_times(conn, first_seen_run),
        new=frozenset(new),
        changed=frozenset(obs.fingerprint for obs, _ in to_open),
        resolved=[result for _, result in resolved_was],
        resolved_failed=resolved_failed,
        carried=len(carried),
        new_errors=new_errors,
    )


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _scope_id(conn: Connection, facts: RunFacts) -> int:
    key = facts.scope_key
    row = {"key": key, "scope": canonical_scope(facts.scope)}
    bulk_insert(conn, scopes, [row], unique_key="key")
    query = select(scopes.c.id).where(scopes.c.key == key).with_for_update()
    return int(conn.execute(query).scalar_one())


def _insert_run(conn: Connection, scope_id: int, facts: RunFacts) -> int:
    row = {
        "scope_id": scope_id,
        "command": facts.command,
        "generated_at": utc_naive(facts.generated_at),
        "recorded_at": utc_naive(datetime.now(UTC)),
        "tool_version": facts.tool_version[:64],
        "rules_version": facts.rules_version[:80],
        "score": facts.score,
        "failed": 0,
        "new": 0,
        "resolved": 0,
        "carried": 0,
        "summary": json.dumps(facts.summary, default=str),
        "errors": json.dumps(facts.errors, default=str),
    }
    return int(conn.execute(insert(runs).returning(runs.c.id), row).scalar_one())


def _open_spans(conn: Connection, scope_id: int) -> dict[str, _Open]:
    query = select(
        spans.c.fingerprint, spans.c.id, spans.c.status, spans.c.digest, spans.c.failing_since
    ).where(spans.c.scope_id == scope_id, spans.c.last_run.is_(None))
    return {
        fingerprint: _Open(span_id, status, digest, since)
        for fingerprint, span_id, status, digest, since in conn.execute(query).fetchall()
    }


def _carried(
    conn: Connection, absent: Mapping[str, _Open], errors: Sequence[Mapping[str, Any]]
) -> set[str]:
    """The absent findings whose place this run could not read: they stay open."""
    if not absent or not errors:
        return set()
    carried: set[str] = set()
    ids = [span.span_id for span in absent.values()]
    for chunk in _chunks(ids):
        query = (
            select(spans.c.fingerprint, resources.c.body)
            .join(resources, resources.c.id == spans.c.resource_ref)
            .where(spans.c.id.in_(chunk))
        )
        for fingerprint, body in conn.execute(query):
            if covered_by_error(json.loads(body), errors):
                carried.add(fingerprint)
    if carried:
        log.info("%d findings kept open: their place could not be read", len(carried))
    return carried


def _close(conn: Connection, span_ids: Sequence[int], previous: int | None) -> None:
    for chunk in _chunks(span_ids):
        conn.execute(update(spans).where(spans.c.id.in_(chunk)).values(last_run=previous))


def _ids(conn: Connection, table: Table, digests: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(digests))):
        query = select(table.c.digest, table.c.id).where(table.c.digest.in_(chunk))
        found.update((digest, int(ident)) for digest, ident in conn.execute(query))
    return found


def _ensure_parts(
    conn: Connection, table: Table, parts: Mapping[str, dict[str, Any]]
) -> dict[str, int]:
    """Ids of the rules or resources by digest, adding the ones the store lacks."""
    ids = _ids(conn, table, parts)
    missing = [{"digest": d, **row} for d, row in parts.items() if d not in ids]
    bulk_insert(conn, table, missing, unique_key="digest")
    if missing:
        ids.update(_ids(conn, table, (row["digest"] for row in missing)))
    return ids


def _insert_spans(
    conn: Connection, scope_id: int, run_id: int, to_open: Sequence[tuple[Observation, int | None]]
) -> None:
    if not to_open:
        return
    rule_ids = _ensure_parts(conn, rules, {o.rule.digest: o.rule.row for o, _ in to_open})
    cache: dict[Any, Part] = {}
    parts = [obs.resource(cache) for obs, _ in to_open]
    resource_ids = _ensure_parts(conn, resources, {part.digest: part.row for part in parts})
    rows = [
        {
            "scope_id": scope_id,
            "fingerprint": obs.fingerprint,
            "first_run": run_id,
            "last_run": None,
            "status": obs.status,
            "failing_since": since,
            "rule_ref": rule_ids[obs.rule.digest],
            "resource_ref": resource_ids[part.digest],
            "digest": obs.digest,
            "extra": obs.extra(),
            "evidence": obs.evidence(),
        }
        for (obs, since), part in zip(to_open, parts, strict=True)
    ]
    bulk_insert(conn, spans, rows)


def _resolved(conn: Connection, span_ids: Sequence[int]) -> list[tuple[str, dict[str, Any]]]:
    """The findings of these (now closed) spans, as results with status `resolved`, each
    with the status it had."""
    out: list[tuple[str, dict[str, Any]]] = []
    for chunk in _chunks(span_ids):
        query = (
            select(
                spans.c.fingerprint,
                spans.c.status,
                spans.c.extra,
                spans.c.evidence,
                rules.c.body,
                resources.c.body,
            )
            .join(rules, rules.c.id == spans.c.rule_ref)
            .join(resources, resources.c.id == spans.c.resource_ref)
            .where(spans.c.id.in_(chunk))
        )
        for fingerprint, status, extra, evidence, rule_body, resource_body in conn.execute(query):
            result = rebuild(rule_body, resource_body, fingerprint, extra, evidence)
            result.pop("suppression", None)
            result["status"] = "resolved"
            out.append((status, result))
    return out


def _new_errors(conn: Connection, previous: int | None, errors: Sequence[Mapping[str, Any]]) -> int:
    if not errors:
        return 0
    before: set[str] = set()
    if previous is not None:
        stored = conn.execute(select(runs.c.errors).where(runs.c.id == previous)).scalar()
        before = {error_key(e) for e in json.loads(stored or "[]") if isinstance(e, dict)}
    return sum(1 for error in errors if error_key(error) not in before)


def _times(conn: Connection, run_ids: Mapping[str, int]) -> dict[str, datetime]:
    wanted = sorted(set(run_ids.values()))
    stamps: dict[int, datetime] = {}
    for chunk in _chunks(wanted):
        query = select(runs.c.id, runs.c.generated_at).where(runs.c.id.in_(chunk))
        stamps.update((int(i), stamp.replace(tzinfo=UTC)) for i, stamp in conn.execute(query))
    return {fingerprint: stamps[run] for fingerprint, run in run_ids.items()}
