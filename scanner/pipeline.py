"""scan(paths, options) -> Report; audit(source, options) -> Report (audit.py).

The stages, in the order they run:

    sources -> normalize -> enrich (IAM and grants) -> engine -> report -> writers

sources (scanner/sources: code files here, live APIs in audit.py) give native resources;
normalize, enrich, engine and report are stages.py's; the review steps of a pull request
(baseline, diff base) and the inline suppressions act on the report; the command line hands
it to the writers.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from scanner.audit import audit, live_types
from scanner.engine.rulebook import RuleBook, load_rulebook, rulebook_for
from scanner.engine.rules import Rule
from scanner.errors import InputError
from scanner.mappings import Catalog
from scanner.report import Report
from scanner.review import BaseAsked, review
from scanner.scan_options import ScanOptions
from scanner.stages import (
    Normalized,
    judge,
    normalize_all,
    relations_table,
    result_order,
)
from scanner.summary import Read, build_report
from scanner.suppressions import apply_suppressions, suppression_errors

# The stages and the audit are their own modules; these names are the pipeline's surface.
__all__ = [
    "Normalized",
    "ScanOptions",
    "all_rules",
    "audit",
    "judge",
    "live_types",
    "normalize_all",
    "relations_table",
    "scan",
    "select_rules",
]

log = logging.getLogger(__name__)


def select_rules(catalog: Catalog, options: ScanOptions) -> list[Rule]:
    """The rule set of a run: built-in and user rules, narrowed by --rule / --skip-rule."""
    book = load_rulebook(options.rules_dirs, options.builtin_rules, catalog)
    return book.select(options.selection)


def all_rules(catalog: Catalog, options: ScanOptions) -> list[Rule]:
    """Built-in and user rules: every id a suppression may name."""
    return list(load_rulebook(options.rules_dirs, options.builtin_rules, catalog).rules)


def _shown(path: Path) -> str:
    """Paths in the report are relative to the working folder when they are inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def scan(paths: list[str], options: ScanOptions, rulebook: RuleBook | None = None) -> Report:
    """Scan infrastructure code under `paths` with the selected rules. `rulebook`: the rules
    loaded already (for the same rules dirs), e.g. once for many scans."""
    started = datetime.now(UTC)
    book = rulebook_for(options.rules_dirs, options.builtin_rules, rulebook)
    catalog = book.catalog
    rules = book.select(options.selection)
    known = book.renamed()  # a suppression naming a replaced id means its replacement
    errors: list[InputError] = []
    existing: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(InputError(raw, None, "path does not exist"))
        else:
            existing.append((path, _shown(path)))
    report = _scan_paths(existing, errors, catalog, rules, known, options)
    report.generated_at = started
    report.scope = {"paths": [shown for _, shown in existing] or list(paths)}
    at_base = replace(options, checkov=options.checkov.at_base() if options.checkov else None)
    return review(
        report,
        existing,
        lambda base: _scan_paths(base, [], catalog, rules, known, at_base),
        baseline=options.baseline,
        create_baseline=options.create_baseline,
        diff_base=options.diff_base,
        renamed=known,
        keep_base_in=options.cache_dir,
        base_asked=_base_asked(options),
    )


def _base_asked(options: ScanOptions) -> BaseAsked | None:
    """What the base scan of --diff-base depends on besides its tree (None: not kept, as
    Checkov's results may come from anywhere)."""
    if options.checkov is not None:
        return None
    # The ref's commit is in the base tree's path; baselines apply to the head only.
    unkept = replace(
        options, cache_dir=None, workers=None, baseline=None, create_baseline=None, diff_base=None
    )
    watched = (*(Path(f) for f in options.var_files), *options.rules_dirs)
    return BaseAsked(unkept, watched)


def _scan_paths(
    existing: list[tuple[Path, str]],
    errors: list[InputError],
    catalog: Catalog,
    rules: list[Rule],
    known: dict[str, str],
    options: ScanOptions,
) -> Report:
    """One scan of (path, name in the report) pairs, inline suppressions applied."""
    # Imported here: a re-scan answered from the kept report (cli_rerun.py) never reads a
    # source, and the parsers and Checkov's report models cost a third of a second to load.
    from scanner.checkov.merge import ENGINE as CHECKOV
    from scanner.checkov.merge import bridge, suppressible_checks
    from scanner.sources.load import SUPPORTED, load_sources
    from scanner.sources.terraform.cache import RootCache

    load = load_sources(
        existing,
        catalog.native_types,
        options.var_files,
        options.workers,
        parameters=dict(options.parameters),
        module_timeout=options.module_timeout,
        skip_paths=options.skip_paths,
        cache=RootCache(options.cache_dir) if options.cache_dir else None,
        follow_symlinks=options.follow_symlinks,
        module_memory_mb=options.module_memory_mb,
    )
    errors.extend(load.errors)
    readable = load.files > 0
    if existing and not readable:
        errors.append(
            InputError(", ".join(s for _, s in existing), None, f"no {SUPPORTED} files found")
        )
    bridged = bridge(  # Checkov's results, when asked for (scanner/checkov/merge.py)
        options.checkov,
        existing,
        load.resources,
        catalog,
        rules,
        var_files=options.var_files,
        skip_paths=options.skip_paths,
        include_passed=options.include_passed,
        reported=errors,
    )
    counted, results = judge(
        load.resources, catalog, rules, options.include_passed, errors, bridged.decided
    )
    results += bridged.results
    errors.extend(bridged.errors)
    known = {**known, **suppressible_checks(load.resources, bridged)}
    errors.extend(suppression_errors(load.resources, known))
    applied = apply_suppressions(results, known, datetime.now(UTC).date())
    # The engine's results come in result_order: only Checkov's, appended, and suppressed
    # ones (a status of their own) can be out of place; a million keys cost a second.
    if bridged.results or any(a is not b for a, b in zip(results, applied, strict=True)):
        applied.sort(key=result_order)
    results = applied
    read = Read(load.files, load.resources_read, tuple(load.not_scanned), readable)
    report = build_report(counted, results, errors, read, notes=load.notes)
    report.reusable = load.complete and options.checkov is None
    if options.checkov is not None:
        report.engines[CHECKOV] = bridged.version
        report.summary.engines[CHECKOV] = {"merged": bridged.merged, "dropped": bridged.dropped}
    return report
