"""The history store on the command line: what `scan` and `audit` do with --store,
--fail-on-new and --export-changes (record the run, mark new findings, export only what
changed; the options themselves are in cli_history_flags.py), and the `history` and `diff`
commands.

Recording happens after the report is built and before it is written, so the written report
says of each failed result whether it is new ("new", "first_seen").
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

import click

from scanner import __version__
from scanner.cli_history_flags import HistoryFlags as HistoryFlags
from scanner.cli_history_flags import history_options as history_options
from scanner.engine.language import as_written
from scanner.engine.rules import RuleLoadError, Severity
from scanner.errors import UsageError
from scanner.history.names import DEFAULT, STORE_ENV
from scanner.history.observe import FINDING, Observer, RunFacts
from scanner.report import Report

# SQLAlchemy (and the store) load only when a store is used: every other command starts
# faster without them.
if TYPE_CHECKING:
    from sqlalchemy import Engine

    from scanner.cli_common import ReportFlags
    from scanner.history.query import RunInfo
    from scanner.history.record import RunRecord

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Recorded:
    """A report after its run was (or was not) recorded."""

    report: Report
    record: RunRecord | None = None
    flags: HistoryFlags = field(default_factory=HistoryFlags)
    failed: bool = False  # a store was given and the run could not be recorded

    def exit_code(self, code: int, fail_on: Severity, soft_fail: bool = False) -> int:
        """The exit code, given the one the report alone earns."""
        if self.failed:
            return max(code, EXIT_FINDINGS)  # a scheduled run must not lose history silently
        if not self.flags.fail_on_new or self.record is None or code == EXIT_USAGE:
            return code
        new = any(
            r.status == "failed" and r.new and r.rule.severity.rank >= fail_on.rank
            for r in self.report.results
        )
        return EXIT_FINDINGS if self.record.new_errors or (new and not soft_fail) else EXIT_OK

    def export_view(self) -> dict[str, Any]:
        """The report to export: whole, or (--export-changes) only what changed."""
        full = self.report.as_dict()
        if not self.flags.export_changes or self.record is None:
            return full
        changed = self.record.changed
        results = [
            r
            for r in cast("list[dict[str, Any]]", full["results"])
            if r.get("fingerprint") in changed and r.get("status") in FINDING
        ]
        return {**full, "results": results + self.record.resolved, "changes_only": True}


def record_history(report: Report, flags: ReportFlags, command: str) -> Recorded:
    """Record the run when a store was given; mark each failed result new or not."""
    history = flags.history
    if history.store is None:
        return Recorded(report, flags=history)
    from scanner.history.record import record_run
    from scanner.history.store import StoreError, describe, open_store, store_url

    try:
        url = store_url(history.store)
    except StoreError as exc:
        click.echo(f"mlposture: history: {exc}", err=True)
        return Recorded(report, flags=history, failed=True)
    if not report.readable:
        click.echo("mlposture: history: nothing could be read; the run is not recorded", err=True)
        return Recorded(report, flags=history)
    full = report.as_dict()
    facts = RunFacts(
        scope=report.scope,
        generated_at=report.generated_at,
        command=command,
        tool_version=__version__,
        rules_version=_rules_version(flags),
        summary=cast("dict[str, Any]", full["summary"]),
        errors=cast("list[dict[str, Any]]", full["errors"]),
    )
    results = cast("list[dict[str, Any]]", full["results"])
    try:
        engine = open_store(url)
        try:
            record = record_run(engine, facts, Observer().observe(results))
        finally:
            engine.dispose()
    except StoreError as exc:
        click.echo(f"mlposture: history: cannot record the run in {describe(url)}: {exc}", err=True)
        return Recorded(report, flags=history, failed=True)
    since = (
        f"since run {record.previous_run}" if record.previous_run else "(first run of this scope)"
    )
    click.echo(
        f"mlposture: history: run {record.run_id} recorded: {len(record.new)} new, "
        f"{record.resolved_failed} resolved {since}",
        err=True,
    )
    return Recorded(_annotated(report, record), record, history)


def _annotated(report: Report, record: RunRecord) -> Report:
    results = [
        replace(r, new=r.fingerprint in record.new, first_seen=record.first_seen.get(r.fingerprint))
        if r.status == "failed"
        else r
        for r in report.results
    ]
    return replace(report, results=results)


def _rules_version(flags: ReportFlags) -> str:
    """The rule set, by content: the same version of mlposture with other --rules-dir or
    --rule options judges by other rules."""
    from scanner.mappings import load_catalog
    from scanner.pipeline import select_rules

    try:
        rules = select_rules(load_catalog(), flags.scan_options())
    except (UsageError, RuleLoadError):
        return "unknown"
    described = sorted(
        ([r.id, r.severity.value, r.kind, as_written(r.check)] for r in rules), key=str
    )
    text = json.dumps(described, default=str)
    return f"{len(rules)} rules sha256:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


# --- the `history` and `diff` commands -------------------------------------------------------


def _fail(message: object) -> NoReturn:
    click.echo(f"mlposture: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _reader_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--store",
            envvar=STORE_ENV,
            default=DEFAULT,
            show_default=True,
            metavar="URL",
            help=f"The history store (as for scan --store; also ${STORE_ENV}).",
        ),
        click.option(
            "--scope",
            "scope_filter",
            metavar="TEXT",
            help="Only runs whose scope names this (a path, an account, a project...).",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "json"]),
            default="table",
            show_default=True,
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _open_for_reading(store: str) -> Engine | None:
    """The store, or None when it does not exist yet (a SQLite file never written)."""
    from scanner.history.store import StoreError, open_store, store_url

    try:
        url = store_url(store)
        if url.get_backend_name() == "sqlite" and not Path(str(url.database)).exists():
            return None
        return open_store(url)
    except StoreError as exc:
        _fail(f"history store: {exc}")


@click.command("history")
@_reader_options
@click.option(
    "--limit", type=click.IntRange(min=1), default=30, show_default=True, help="Runs shown."
)
def history_command(store: str, scope_filter: str | None, fmt: str, limit: int) -> None:
    """The recorded runs: time, scope, score and its trend, failed by severity, new, resolved."""
    from scanner.cli_history_views import render_history
    from scanner.history.query import list_runs
    from scanner.history.store import StoreError

    engine = _open_for_reading(store)
    try:
        runs = list_runs(engine, scope_filter, limit) if engine is not None else []
        # The trend needs the runs before the first one shown.
        earlier = list_runs(engine, scope_filter, limit + 11) if engine is not None else []
    except StoreError as exc:
        _fail(f"history store: {exc}")
    finally:
        if engine is not None:
            engine.dispose()
    if fmt == "json":
        click.echo(json.dumps({"runs": [run.as_dict() for run in runs]}, indent=2))
        return
    if not runs:
        click.echo("mlposture: no runs recorded yet (scan or audit with --store)", err=True)
        return
    render_history(runs, earlier)


@click.command("diff")
@click.argument("run_ids", nargs=-1, type=int, metavar="[RUN] [RUN]")
@_reader_options
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    help="Still-failing findings listed, oldest first (default: 20 in the table, all in JSON).",
)
def diff_command(
    run_ids: tuple[int, ...], store: str, scope_filter: str | None, fmt: str, limit: int | None
) -> None:
    """What changed between two runs: new, resolved, still failing (with age), per severity.

    No RUN: the last two runs of the same scope. One RUN: that run and the one before it of
    its scope. Two: from the first to the second."""
    from scanner.cli_history_views import render_diff
    from scanner.history.query import RunDiff, diff_runs
    from scanner.history.store import StoreError

    if len(run_ids) > 2:
        _fail("diff takes at most two runs")
    engine = _open_for_reading(store)
    if engine is None:
        _fail("no runs recorded yet (scan or audit with --store)")
    try:
        before, after = _pair(engine, run_ids, scope_filter)
        shown = limit if limit is not None or fmt == "json" else 20
        diff: RunDiff = diff_runs(engine, before, after, limit=shown)
    except StoreError as exc:
        _fail(f"history store: {exc}")
    finally:
        engine.dispose()
    if fmt == "json":
        click.echo(json.dumps(diff.as_dict(), indent=2))
        return
    render_diff(diff)


def _pair(
    engine: Engine, run_ids: tuple[int, ...], scope_filter: str | None
) -> tuple[RunInfo, RunInfo]:
    from scanner.history.query import find_run, list_runs, previous_run

    found: list[RunInfo] = []
    for run_id in run_ids:
        run = find_run(engine, run_id)
        if run is None:
            _fail(f"no run {run_id} in the history store")
        found.append(run)
    if len(found) == 2:
        return found[0], found[1]
    if not found:
        latest = list_runs(engine, scope_filter, limit=1)
        if not latest:
            _fail("no runs recorded" + (f" for scope {scope_filter!r}" if scope_filter else ""))
        found = latest
    before = previous_run(engine, found[0])
    if before is None:
        _fail(f"run {found[0].id} is the first recorded run of its scope: nothing to compare")
    return before, found[0]
