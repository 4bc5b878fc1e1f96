"""What a pull request needs from a scan: a baseline to write, known failures to leave out.

Order matters: the baseline file is written from every current failure (before any is left
out), then failures in `--baseline` are left out, then those that already fail at
`--diff-base`. Suppressed results stay in the report; only failures are ever left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from scanner.baseline import leave_out, read_baseline, write_baseline
from scanner.gitdiff import base_tree
from scanner.report import Report
from scanner.scan_cache import base_key, keep_failures, kept_failures

ScanBase = Callable[[list[tuple[Path, str]]], Report]


@dataclass(frozen=True, slots=True)
class BaseAsked:
    """What a base scan depends on besides its tree: the options (as a value) and the files
    read from the working tree (variable files, rules folders)."""

    options: object
    watched: tuple[Path, ...] = ()


def failing_at_base(
    ref: str,
    scanned: list[tuple[Path, str]],
    scan_base: ScanBase,
    keep_in: Path | None = None,
    asked: BaseAsked | None = None,
) -> frozenset[str]:
    """Fingerprints of the failures the scanned paths had at git `ref` (suppressions applied:
    a finding whose suppression this change removes is new). With `keep_in` (the cache
    folder) the base tree is kept there, so the next run's base scan is read from the cache;
    with `asked` too, the base's failures are kept there, and the next run against the same
    commit and options scans no base at all."""
    with base_tree(ref, scanned, keep_in) as base_paths:
        if not base_paths:
            return frozenset()
        key = _base_key(base_paths, keep_in, asked)
        if key is not None and keep_in is not None:
            known = kept_failures(keep_in, key)
            if known is not None:
                return known
        base = scan_base(base_paths)
    failing = frozenset(r.fingerprint for r in base.results if r.status == "failed")
    # Notes (a local module outside the scanned folders) do not count here: the export is
    # the whole repository at that commit, so such a module is pinned by the commit too.
    if key is not None and keep_in is not None and base.reusable:
        keep_failures(keep_in, key, failing)
    return failing


def _base_key(
    base_paths: list[tuple[Path, str]], keep_in: Path | None, asked: BaseAsked | None
) -> str | None:
    """The base's cache key, when its tree is an export kept in the cache folder (a
    temporary export, made when the cache folder is not writable, is never the same)."""
    if keep_in is None or asked is None:
        return None
    kept = (keep_in / "base").resolve()
    if not all(kept in path.resolve().parents for path, _ in base_paths):
        return None
    return base_key(base_paths, asked.options, list(asked.watched))


def review(
    report: Report,
    scanned: list[tuple[Path, str]],
    scan_base: ScanBase,
    baseline: Path | None = None,
    create_baseline: Path | None = None,
    diff_base: str | None = None,
    renamed: Mapping[str, str] | None = None,
    keep_base_in: Path | None = None,
    base_asked: BaseAsked | None = None,
) -> Report:
    """The report with the pull-request options applied (see the module's docstring)."""
    if create_baseline is not None:
        write_baseline(report.results, create_baseline)
    if baseline is not None:
        report.summary.baselined = leave_out(report, read_baseline(baseline), renamed)
    if diff_base is not None and scanned:
        known = failing_at_base(diff_base, scanned, scan_base, keep_base_in, base_asked)
        report.summary.preexisting = leave_out(report, known)
    report.recount()
    return report
