"""`mlposture scan` of an unchanged tree: the report of the last identical run, written again
with this run's time (scanner/scan_cache.py says what "identical" covers).

Every format is answered. JSON is the kept text, re-stamped; JUnit, CSV, OCSF, ASFF and HTML
are made again from it (scanner/saved_report.py); SARIF, and a table written to a file or a
pipe, are their own kept text, kept the first time a run asks for them (so a re-scan in a
format never asked before scans once more). A table on a terminal takes the terminal's width
and colours, so it is never kept. A run with --diff-base is answered for the same commit of
its ref (the base is a commit: it cannot change). A run with a baseline, history store,
export or Checkov is not answered (each reads or writes more than the scanned files), nor
one that follows links out of the scanned folders.

The run's own report files (`-o report.sarif` in the scanned folder) are not part of what it
depends on, nor those earlier runs wrote and nobody changed since (scan_cache.py
`own_outputs`), unless a source would read them: a name a source reads, in a format that is
not a JSON document every source skips.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final

import rich_click as click

from scanner.cli_exit import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail_usage
from scanner.errors import UsageError
from scanner.model.text import terminal_safe
from scanner.saved_report import KEPT_AS_TEXT, render, restamped
from scanner.scan_cache import Entry, Manifest, ScanCache, manifest, run_key, write_restamped

if TYPE_CHECKING:
    from scanner.cli_common import ReportFlags
    from scanner.report import Report
    from scanner.scan_options import ScanOptions

# An answer from the cache imports only what it needs: the writers, the rules and the
# pipeline are imported where a miss uses them.

# Names some source reads (scanner/sources/load.py, checked by a test); a report file
# otherwise named is not read. Written out: the sources' modules are not loaded on a hit.
READ_SUFFIXES: Final = (
    *(".tf", ".tf.json"),
    *(".json", ".yaml", ".yml", ".template"),
    ".bicep",
    ".tfvars",
)
# One JSON object or array that is neither a template, a plan nor ARM parameters: a source
# reading it skips it without a word (sources/documents.py detect_format).
_SKIPPED_JSON_FORMATS: Final = frozenset({"json", "sarif", "asff"})

Target = tuple[str, Path | None]  # a format and its file (None: stdout)


@dataclass(slots=True)
class Rerun:
    """Where this run's report would be kept, and the files it depends on."""

    cache: ScanCache
    key: str
    roots: list[Path]
    ignored: list[Path]  # the run's own report files, read by no source
    before: Manifest  # the files as they were when the run started
    # The entry, still valid, when only a format's kept text was missing: this run adds it.
    kept: Entry | None = None


def _targets(flags: ReportFlags) -> list[Target]:
    return [(flags.fmt, flags.output), *flags.more_outputs]


def _to_terminal(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty()


def _unread_outputs(targets: list[Target]) -> list[Path]:
    return [
        output
        for fmt, output in targets
        if output is not None
        and (
            not output.name.endswith(READ_SUFFIXES)
            or (fmt in _SKIPPED_JSON_FORMATS and output.name.endswith(".json"))
        )
    ]


def _now() -> datetime:
    return datetime.now(UTC)


def rerun_for(paths: tuple[str, ...], options: ScanOptions, flags: ReportFlags) -> Rerun | None:
    """The run's cache slot, or None when this run reads or writes more than its report."""
    exports = flags.exports is not None and bool(flags.exports.destinations)
    if (
        options.cache_dir is None
        or flags.history.store is not None
        or exports
        or options.checkov is not None
        or options.baseline is not None
        or options.create_baseline is not None
        or options.follow_symlinks
    ):
        return None
    base = None
    if options.diff_base is not None:
        # The ref's commit, not its name: a branch moves on, its commit never changes.
        base = _base_commit(paths, options.diff_base)
        if base is None:
            return None  # the scan says why
    roots = [Path(p) for p in (*paths, *options.var_files)] + list(options.rules_dirs)
    # Workers and where the caches live change how a run goes, not what it reports.
    asked = (paths, replace(options, cache_dir=None, workers=None, diff_base=None), base)
    cache = ScanCache(options.cache_dir)
    ignored = _unread_outputs(_targets(flags)) + cache.own_outputs()
    before = manifest(roots, options.cache_dir, ignored)
    return Rerun(cache, run_key(asked), roots, ignored, before)


def _base_commit(paths: tuple[str, ...], ref: str) -> str | None:
    from scanner.gitdiff import repository_root, resolve_ref

    try:
        return resolve_ref(repository_root([Path(p) for p in paths]), ref)
    except (UsageError, OSError):
        return None


def _kept_text(rerun: Rerun, entry: Entry, fmt: str, output: Path | None) -> memoryview | None:
    if fmt == "table" and _to_terminal(output):
        return None
    return rerun.cache.get_render(rerun.key, entry.id, fmt)


def answer_unchanged(rerun: Rerun, flags: ReportFlags, soft_fail: bool) -> int | None:
    """The exit code after writing the kept report again, or None when there is none."""
    entry = rerun.cache.get(rerun.key, rerun.before)
    if entry is None:
        return None
    now = _now()
    document: dict[str, Any] | None = None
    writes: list[tuple[Path | None, Callable[[BinaryIO], object]]] = []
    for fmt, output in _targets(flags):
        if fmt == "json":
            writes.append((output, lambda out: write_restamped(entry.text, now, out)))
            continue
        text: bytes | memoryview | None
        if fmt in KEPT_AS_TEXT:
            text = _kept_text(rerun, entry, fmt, output)
            if text is None:
                rerun.kept = entry
                return None
        else:
            try:
                document = document or restamped(entry.text, now)
                text = render(document, fmt, flags.write).encode("utf-8")
            except ValueError:
                return None  # a damaged entry: scan
            except UsageError as exc:
                fail_usage(exc)
        writes.append((output, _writing(text)))
    _check_folders(output for output, _ in writes)
    for output, write in writes:
        _write(write, output)
    rerun.cache.note_outputs(_unread_outputs(_targets(flags)))
    if flags.output is not None or flags.fmt != "table":
        for line in entry.exit["error_lines"]:
            click.echo(line, err=True)
    if not entry.exit["readable"]:
        return EXIT_USAGE
    from scanner.engine.rule_terms import Severity

    failed: dict[str, int] = entry.exit["failed"]
    at_or_above = any(n and Severity(s).rank >= flags.fail_on.rank for s, n in failed.items())
    return EXIT_FINDINGS if entry.exit["errors"] or (at_or_above and not soft_fail) else EXIT_OK


def write_and_keep(report: Report, rerun: Rerun, flags: ReportFlags) -> None:
    """Write the report in each asked format (as `emit` does), and keep its JSON and the
    text of the formats kept as text when the run can be reused (every module evaluated to
    the end, nothing read from outside the scanned folders)."""
    from scanner.cli_common import echo_errors
    from scanner.writers import write_report
    from scanner.writers.json_writer import write_json

    buffer = io.StringIO()
    write_json(report, buffer)
    json_text = buffer.getvalue().encode("utf-8")
    rendered: list[tuple[str, Path | None, bytes | None]] = []
    for fmt, output in _targets(flags):
        if fmt == "json":
            rendered.append((fmt, output, json_text))
        elif fmt == "table" and _to_terminal(output):
            rendered.append((fmt, output, None))  # written straight to the terminal
        else:
            buffer = io.StringIO()
            try:
                write_report(report, fmt, buffer, replace(flags.write, to_terminal=False))
            except UsageError as exc:
                fail_usage(exc)
            rendered.append((fmt, output, buffer.getvalue().encode("utf-8")))
    _check_folders(output for _, output, _ in rendered)
    for _, output, text in rendered:
        if text is None:
            write_report(report, "table", sys.stdout, replace(flags.write, to_terminal=True))
        else:
            _write(_writing(text), output)
    if flags.output is not None or flags.fmt != "table":
        echo_errors(report)
    rerun.cache.note_outputs(_unread_outputs(_targets(flags)))
    if not report.reusable or report.notes:
        return
    entry = Entry(json_text, _exit_facts(report), rerun.kept.id if rerun.kept else "")
    entry_id = rerun.cache.put(rerun.key, rerun.roots, entry, rerun.before, rerun.ignored)
    for fmt, _, text in rendered:
        if entry_id and fmt in KEPT_AS_TEXT and text is not None:
            rerun.cache.put_render(rerun.key, entry_id, fmt, text)


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


def _check_folders(outputs: Iterable[Path | None]) -> None:
    """Exit 2 before any file is written when one cannot be (as `emit` does)."""
    for output in outputs:
        if output is not None and not output.parent.is_dir():
            fail_usage(f"cannot write {output}: folder {output.parent} does not exist")


def _writing(text: bytes | memoryview) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(text)


def _write(write: Callable[[BinaryIO], object], output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    try:
        with output.open("wb") as out:
            write(out)
    except OSError as exc:
        fail_usage(f"cannot write {output}: {exc.strerror}")
