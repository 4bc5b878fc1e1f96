"""What a pull request needs from a scan: a baseline to write, known failures to leave out.

Order matters: the baseline file is written from every current failure (before any is left
out), then failures in `--baseline` are left out, then those that already fail at
`--diff-base`. Suppressed results stay in the report; only failures are ever left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from scanner.baseline import leave_out, read_baseline, write_baseline
from scanner.gitdiff import base_tree
from scanner.report import Report

ScanBase = Callable[[list[tuple[Path, str]]], Report]


def failing_at_base(
    ref: str, scanned: list[tuple[Path, str]], scan_base: ScanBase, keep_in: Path | None = None
) -> frozenset[str]:
    """Fingerprints of the failures the scanned paths had at git `ref` (suppressions applied:
    a finding whose suppression this change removes is new). With `keep_in` (the cache
    folder) the base tree is kept there, so the next run's base scan is read from the cache."""
    with base_tree(ref, scanned, keep_in) as base_paths:
        if not base_paths:
            return frozenset()
        base = scan_base(base_paths)
    return frozenset(r.fingerprint for r in base.results if r.status == "failed")


def review(
    report: Report,
    scanned: list[tuple[Path, str]],
    scan_base: ScanBase,
    baseline: Path | None = None,
    create_baseline: Path | None = None,
    diff_base: str | None = None,
    renamed: Mapping[str, str] | None = None,
    keep_base_in: Path | None = None,
) -> Report:
    """The report with the pull-request options applied (see the module's docstring)."""
    if create_baseline is not None:
        write_baseline(report.results, create_baseline)
    if baseline is not None:
        report.summary.baselined = leave_out(report, read_baseline(baseline), renamed)
    if diff_base is not None and scanned:
        known = failing_at_base(diff_base, scanned, scan_base, keep_base_in)
        report.summary.preexisting = leave_out(report, known)
    report.recount()
    return report
