"""`mlposture scan` of an unchanged tree: the JSON report of the last identical run, written
again with this run's time (scanner/scan_cache.py says what "identical" covers).

Only a run whose whole output is that report is answered from the cache: JSON to a file or
stdout, no baseline, diff base, history store, export or Checkov (each reads or writes more
than the scanned files), and links not followed out of the scanned folders.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import rich_click as click

from scanner.cli_common import ReportFlags, echo_errors
from scanner.cli_exit import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail_usage
from scanner.engine.rules import Severity
from scanner.model.text import terminal_safe
from scanner.pipeline import ScanOptions
from scanner.report import Report
from scanner.scan_cache import Entry, Manifest, ScanCache, manifest, run_key, write_restamped
from scanner.writers.json_writer import write_json


@dataclass(frozen=True, slots=True)
class Rerun:
    """Where this run's report would be kept, and the files it depends on."""

    cache: ScanCache
    key: str
    roots: list[Path]
    before: Manifest  # the files as they were when the run started


def rerun_for(paths: tuple[str, ...], options: ScanOptions, flags: ReportFlags) -> Rerun | None:
    """The run's cache slot, or None when this run's output is not only its JSON report."""
    exports = flags.exports is not None and bool(flags.exports.destinations)
    if (
        options.cache_dir is None
        or flags.fmt != "json"
        or flags.more_outputs
        or flags.history.store is not None
        or exports
        or options.checkov is not None
        or options.baseline is not None
        or options.create_baseline is not None
        or options.diff_base is not None
        or options.follow_symlinks
    ):
        return None
    roots = [Path(p) for p in (*paths, *options.var_files)] + list(options.rules_dirs)
    # Workers and where the caches live change how a run goes, not what it reports.
    asked = (paths, replace(options, cache_dir=None, workers=None))
    cache = ScanCache(options.cache_dir)
    return Rerun(cache, run_key(asked), roots, manifest(roots, options.cache_dir))


def answer_unchanged(rerun: Rerun, flags: ReportFlags, soft_fail: bool) -> int | None:
    """The exit code after writing the kept report again, or None when there is none."""
    entry = rerun.cache.get(rerun.key, rerun.roots)
    if entry is None:
        return None
    _write(lambda out: write_restamped(entry.text, datetime.now(UTC), out), flags.output)
    for line in entry.exit["error_lines"]:
        click.echo(line, err=True)
    if not entry.exit["readable"]:
        return EXIT_USAGE
    failed: dict[str, int] = entry.exit["failed"]
    at_or_above = any(n and Severity(s).rank >= flags.fail_on.rank for s, n in failed.items())
    return EXIT_FINDINGS if entry.exit["errors"] or (at_or_above and not soft_fail) else EXIT_OK


def write_and_keep(report: Report, rerun: Rerun, flags: ReportFlags) -> None:
    """Write the JSON report, and keep it when the run can be reused (every module evaluated
    to the end, nothing read from outside the scanned folders)."""
    buffer = io.StringIO()
    write_json(report, buffer)
    text = buffer.getvalue().encode("utf-8")
    _write(lambda out: out.write(text), flags.output)
    echo_errors(report)
    if report.reusable and not report.notes:
        rerun.cache.put(rerun.key, rerun.roots, Entry(text, _exit_facts(report)), rerun.before)


def _exit_facts(report: Report) -> dict[str, Any]:
    failed: dict[str, int] = {}
    for result in report.results:
        if result.status == "failed":
            failed[result.rule.severity.value] = failed.get(result.rule.severity.value, 0) + 1
    lines = [
        terminal_safe(
            f"mlposture: error: {f'{e.file}:{e.line}' if e.line else e.file}: {e.message}"
        )
        for e in report.errors
    ]
    return {
        "readable": report.readable,
        "errors": bool(report.errors),
        "failed": failed,
        "error_lines": lines,
    }


def _write(write: Callable[[BinaryIO], object], output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    if not output.parent.is_dir():
        fail_usage(f"cannot write {output}: folder {output.parent} does not exist")
    try:
        with output.open("wb") as out:
            write(out)
    except OSError as exc:
        fail_usage(f"cannot write {output}: {exc.strerror}")
