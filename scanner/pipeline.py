"""scan(paths, options) -> Report: sources -> mappings -> engine -> report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.evidence import Evidence, collect_evidence
from scanner.engine.rules import (
    Rule,
    builtin_rules_dir,
    effective_ids,
    load_rules,
    merge_rule_sets,
)
from scanner.engine.selection import Selection, apply_selection
from scanner.engine.tables import ROW_ID, build_tables
from scanner.errors import InputError, UsageError
from scanner.iam.analyse import analyse_iam
from scanner.iam.computed import Estate
from scanner.iam.grants import analyse_grants
from scanner.mappings import Catalog, load_catalog, normalize, select_table
from scanner.mappings.companions import attach_companions
from scanner.model.resource import NativeResource, Relation, Resource
from scanner.report import Report, Result, Summary, fingerprint, severity_ordered
from scanner.review import review
from scanner.scoring import scores
from scanner.sources.live.common import AuditSetupError, LiveSource, ProgressSink
from scanner.sources.load import SUPPORTED, load_sources
from scanner.sources.terraform.cache import RootCache
from scanner.sources.terraform.loader import MODULE_MEMORY_MB, MODULE_TIMEOUT_SECONDS
from scanner.suppressions import apply_suppressions, suppression_errors

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanOptions:
    include_passed: bool = False
    only_rules: tuple[str, ...] = ()  # ids, slugs or globs (MLP-AWS-SM-*)
    skip_rules: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()  # only rules mapped to one of these standards
    preview: bool = False  # preview rules run too
    rules_dirs: tuple[Path, ...] = ()
    builtin_rules: bool = True
    var_files: tuple[str, ...] = ()
    workers: int | None = None  # 1: evaluate in this process, unwatched
    module_timeout: float = MODULE_TIMEOUT_SECONDS
    module_memory_mb: int = MODULE_MEMORY_MB  # per evaluation worker; 0: no limit
    follow_symlinks: bool = False  # file links leading out of a scanned folder are read
    # CloudFormation parameter values, KEY -> VALUE (pseudo parameters too: AWS::Region).
    parameters: tuple[tuple[str, str], ...] = ()
    # Pull requests: accepted failures, a file to write them to, a git ref to compare with.
    baseline: Path | None = None
    create_baseline: Path | None = None
    diff_base: str | None = None
    # Globs of files and folders under the scanned paths that are not read (--skip-path).
    skip_paths: tuple[str, ...] = ()
    # Evaluated Terraform root modules are kept here and reused while unchanged (None: off).
    cache_dir: Path | None = None


@dataclass(slots=True)
class Normalized:
    resources: list[Resource] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def select_rules(catalog: Catalog, options: ScanOptions) -> list[Rule]:
    """The rule set of a run: built-in and user rules, narrowed by --rule / --skip-rule."""
    return narrow_rules(all_rules(catalog, options), options)


def all_rules(catalog: Catalog, options: ScanOptions) -> list[Rule]:
    """Built-in and user rules: every id a suppression may name."""
    builtin = load_rules([builtin_rules_dir()], catalog) if options.builtin_rules else []
    if options.builtin_rules and not builtin:
        # An install that lost its rules must not report a clean 100/100.
        raise UsageError(
            f"no built-in rule could be loaded from {builtin_rules_dir()}; reinstall mlposture"
        )
    user = load_rules(list(options.rules_dirs), catalog)
    return merge_rule_sets(builtin, user)


def narrow_rules(rules: list[Rule], options: ScanOptions) -> list[Rule]:
    """--rule / --skip-rule, --framework and --preview (scanner/engine/selection.py)."""
    selection = Selection(
        options.only_rules, options.skip_rules, options.frameworks, options.preview
    )
    return apply_selection(rules, selection)


def normalize_all(natives: list[NativeResource], catalog: Catalog) -> Normalized:
    out = Normalized()
    # A bucket's encryption and public access block set by resources of their own (Terraform)
    # are read as the bucket's: companions are merged into what they configure first.
    for native in attach_companions(natives, catalog.companions):
        table = select_table(native, catalog.by_native_type.get(native.type, ()))
        if table is None:
            continue
        resource, relations = normalize(native, table)
        if native.suppressions:
            resource = replace(resource, suppressions=native.suppressions)
        out.resources.append(resource)
        out.relations.extend(relations)
    return out


def relations_table(normalized: Normalized) -> pl.DataFrame:
    """Relations as rows (source row, field, target row), resolved within their scope."""
    rows = {(r.scope, r.id): row for row, r in enumerate(normalized.resources)}
    sources, fields, targets = [], [], []
    for relation in normalized.relations:
        source = rows.get((relation.scope, relation.source_id))
        target = rows.get((relation.scope, relation.target_id))
        if source is not None and target is not None:
            sources.append(source)
            fields.append(relation.field)
            targets.append(target)
    return pl.DataFrame(
        {"source": sources, "field": fields, "target": targets}, schema=RELATIONS_SCHEMA
    )


def _shown(path: Path) -> str:
    """Paths in the report are relative to the working folder when they are inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def _results(
    outcomes: pl.DataFrame,
    resources: list[Resource],
    rules: dict[str, Rule],
    include_passed: bool,
    evidence: dict[str, dict[int, tuple[Evidence, ...]]] | None = None,
) -> list[Result]:
    shown = outcomes.filter(pl.col("passed").is_not_null())
    if not include_passed:
        shown = shown.filter(~pl.col("passed"))
    seen = evidence or {}
    results = [
        Result(
            rule=rules[rule_id],
            resource=resources[row_id],
            status="passed" if passed else "failed",
            fingerprint=fingerprint(rule_id, resources[row_id]),
            evidence=() if passed else seen.get(rule_id, {}).get(row_id, ()),
        )
        for row_id, rule_id, passed in shown.select(ROW_ID, "rule_id", "passed").iter_rows()
    ]
    results.sort(key=result_order)
    return results


def result_order(r: Result) -> tuple[bool, int, str, int, str, str]:
    """Failures first, most severe first, then by place in the code."""
    return (
        r.status != "failed",
        -r.rule.severity.rank,
        r.resource.location.file or "",
        r.resource.location.line or 0,
        r.resource.id,
        r.rule.id,
    )


def _summarize(
    outcomes: pl.DataFrame, resources: list[Resource], rules: dict[str, Rule]
) -> Summary:
    rule_meta = pl.DataFrame(
        {"rule_id": list(rules), "severity": [r.severity.value for r in rules.values()]},
        schema={"rule_id": pl.String(), "severity": pl.String()},
    )
    providers = pl.DataFrame(
        {ROW_ID: range(len(resources)), "provider": [r.provider for r in resources]},
        schema={ROW_ID: pl.UInt32(), "provider": pl.String()},
    )
    decided = (
        outcomes.filter(pl.col("passed").is_not_null())
        .join(rule_meta, on="rule_id", how="left")
        .join(providers, on=ROW_ID, how="left")
    )
    failed = decided.filter(~pl.col("passed"))
    score, by_provider = scores(decided)
    by_severity = dict(failed.group_by("severity").len().iter_rows())
    return Summary(
        resources=len(resources),
        rules=len(rules),
        passed=decided.height - failed.height,
        failed=failed.height,
        undecided=outcomes.height - decided.height,
        score=score,
        score_by_provider=by_provider,
        failed_by_severity=severity_ordered({str(k): int(v) for k, v in by_severity.items()}),
        frameworks=_framework_rates(decided, rules),
    )


def _framework_rates(
    decided: pl.DataFrame, rules: dict[str, Rule]
) -> dict[str, dict[str, int | float]]:
    """Checks passed and failed per standard the rules map to, and the pass rate."""
    mapped = pl.DataFrame(
        [(rule_id, name) for rule_id, rule in rules.items() for name in rule.frameworks],
        schema={"rule_id": pl.String(), "framework": pl.String()},
        orient="row",
    )
    tally = (
        decided.join(mapped, on="rule_id")
        .group_by("framework")
        .agg(passed=pl.col("passed").sum(), failed=(~pl.col("passed")).sum())
        .sort("framework")
    )
    return {
        name: {"passed": passed, "failed": failed, "rate": round(passed / (passed + failed), 4)}
        for name, passed, failed in tally.iter_rows()
    }


def judge(
    natives: list[NativeResource],
    catalog: Catalog,
    rules: list[Rule],
    include_passed: bool,
    errors: list[InputError] | None = None,
) -> tuple[Summary, list[Result]]:
    """Native resources of any source -> kinds -> every rule: the summary and results.

    Input problems found while judging (a policy document that is not a policy) are appended
    to `errors`."""
    normalized = normalize_all(natives, catalog)
    # One index of the resources and their relations serves every analysis below.
    estate = Estate.build(normalized.resources, normalized.relations)
    # IAM roles and policies get their computed fields (what their documents grant).
    normalized.resources = analyse_iam(
        normalized.resources, normalized.relations, errors=errors, estate=estate
    )
    # Azure role assignments and Google grants: which role, how broad, to which ML identity.
    normalized.resources = analyse_grants(normalized.resources, estate)
    tables = build_tables(normalized.resources, catalog.kinds)
    relations = relations_table(normalized)
    outcomes = evaluate(tables, compile_rules(rules, catalog.kinds), relations)
    by_id = {r.id: r for r in rules}
    summary = _summarize(outcomes, normalized.resources, by_id)
    # What each failed rule saw, computed for the failed rows only.
    evidence = collect_evidence(outcomes, tables, relations, by_id, normalized.resources, catalog)
    return summary, _results(outcomes, normalized.resources, by_id, include_passed, evidence)


def scan(paths: list[str], options: ScanOptions) -> Report:
    """Scan infrastructure code under `paths` with the selected rules."""
    started = datetime.now(UTC)
    catalog = load_catalog()
    every = all_rules(catalog, options)
    rules = narrow_rules(every, options)
    known = effective_ids(every)  # a suppression naming a replaced id means its replacement
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
    return review(
        report,
        existing,
        lambda base: _scan_paths(base, [], catalog, rules, known, options),
        baseline=options.baseline,
        create_baseline=options.create_baseline,
        diff_base=options.diff_base,
        renamed=known,
    )


def _scan_paths(
    existing: list[tuple[Path, str]],
    errors: list[InputError],
    catalog: Catalog,
    rules: list[Rule],
    known: dict[str, str],
    options: ScanOptions,
) -> Report:
    """One scan of (path, name in the report) pairs, inline suppressions applied."""
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
    summary, results = judge(load.resources, catalog, rules, options.include_passed, errors)
    errors.extend(suppression_errors(load.resources, known))
    results = apply_suppressions(results, known, datetime.now(UTC).date())
    results.sort(key=result_order)
    summary.files = load.files
    summary.resources_read = load.resources_read
    summary.not_scanned = len(load.not_scanned)
    report = Report(
        summary=summary,
        results=results,
        errors=errors,
        not_scanned=load.not_scanned,
        readable=readable,
        notes=load.notes,
    )
    report.recount()
    return report


def _rule_kinds(rules: list[Rule]) -> set[str]:
    """Kinds the rules judge, and the kinds their `related:` tests join to."""
    kinds: set[str] = set()
    pending: list[object] = []
    for rule in rules:
        kinds.add(rule.kind)
        pending.append(rule.check)
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            related = node.get("related")
            if isinstance(related, dict) and isinstance(related.get("kind"), str):
                kinds.add(related["kind"])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return kinds


def live_types(catalog: Catalog, rules: list[Rule], available: frozenset[str]) -> frozenset[str]:
    """The live native types that map onto a kind the rules need: all an audit collects."""
    kinds = _rule_kinds(rules)
    return frozenset(
        native_type
        for native_type, tables in catalog.by_native_type.items()
        if native_type in available and any(t.kind.name in kinds for t in tables)
    )


def audit(
    source: LiveSource,
    options: ScanOptions,
    progress: ProgressSink | None = None,
) -> Report:
    """Audit live accounts with the selected rules (the same rules as `scan`).

    Every (account, region, service) that could not be read is listed under `errors` with
    its reason, so a partial audit never passes silently.
    """
    started = datetime.now(UTC)
    catalog = load_catalog()
    rules = select_rules(catalog, options)
    try:
        load = source.collect(live_types(catalog, rules, source.native_types), progress)
    except AuditSetupError as exc:
        summary, _ = judge([], catalog, rules, options.include_passed)
        summary.errors = 1
        error = InputError(source.provider, None, str(exc))
        return Report(
            summary=summary,
            results=[],
            errors=[error],
            not_scanned=[],
            readable=False,
            generated_at=started,
        )
    judged: list[InputError] = []
    summary, results = judge(load.resources, catalog, rules, options.include_passed, judged)
    errors = [
        InputError(gap.where, None, gap.message, gap.account, gap.region, gap.service)
        for gap in load.gaps
    ] + judged
    summary.resources_read = len(load.resources)
    summary.errors = len(errors)
    return Report(
        summary=summary,
        results=results,
        errors=errors,
        not_scanned=[],
        readable=load.accounts > 0,
        generated_at=started,
        scope=load.scope,
        notes=load.notes,
    )
