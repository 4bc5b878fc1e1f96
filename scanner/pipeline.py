"""scan(paths, options) -> Report: sources -> mappings -> engine -> report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.rules import Rule, builtin_rules_dir, load_rules
from scanner.engine.tables import ROW_ID, build_tables
from scanner.errors import InputError, UsageError
from scanner.mappings import Catalog, load_catalog, normalize, select_table
from scanner.model.resource import NativeResource, Relation, Resource
from scanner.report import Report, Result, Summary, fingerprint
from scanner.scoring import scores
from scanner.sources.load import SUPPORTED, load_sources
from scanner.sources.terraform.loader import MODULE_TIMEOUT_SECONDS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanOptions:
    include_passed: bool = False
    only_rules: tuple[str, ...] = ()
    skip_rules: tuple[str, ...] = ()
    rules_dirs: tuple[Path, ...] = ()
    builtin_rules: bool = True
    var_files: tuple[str, ...] = ()
    workers: int | None = None  # 1: evaluate in this process, unwatched
    module_timeout: float = MODULE_TIMEOUT_SECONDS
    # CloudFormation parameter values, KEY -> VALUE (pseudo parameters too: AWS::Region).
    parameters: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Normalized:
    resources: list[Resource] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def select_rules(catalog: Catalog, options: ScanOptions) -> list[Rule]:
    """The rule set of a run: built-in and user rules, narrowed by --rule / --skip-rule."""
    dirs = ([builtin_rules_dir()] if options.builtin_rules else []) + list(options.rules_dirs)
    rules = load_rules(dirs, catalog)
    known = {r.id for r in rules}
    unknown = sorted(set(options.only_rules + options.skip_rules) - known)
    if unknown:
        raise UsageError(f"unknown rule id: {', '.join(unknown)}")
    if options.only_rules:
        rules = [r for r in rules if r.id in options.only_rules]
    return [r for r in rules if r.id not in options.skip_rules]


def normalize_all(natives: list[NativeResource], catalog: Catalog) -> Normalized:
    out = Normalized()
    for native in natives:
        table = select_table(native, catalog.by_native_type.get(native.type, ()))
        if table is None:
            continue
        resource, relations = normalize(native, table)
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
    outcomes: pl.DataFrame, resources: list[Resource], rules: dict[str, Rule], include_passed: bool
) -> list[Result]:
    shown = outcomes.filter(pl.col("passed").is_not_null())
    if not include_passed:
        shown = shown.filter(~pl.col("passed"))
    results = [
        Result(
            rule=rules[rule_id],
            resource=resources[row_id],
            status="passed" if passed else "failed",
            fingerprint=fingerprint(rule_id, resources[row_id]),
        )
        for row_id, rule_id, passed in shown.select(ROW_ID, "rule_id", "passed").iter_rows()
    ]
    results.sort(
        key=lambda r: (
            r.status != "failed",
            -r.rule.severity.rank,
            r.resource.location.file or "",
            r.resource.location.line or 0,
            r.resource.id,
            r.rule.id,
        )
    )
    return results


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
        failed_by_severity={str(k): int(v) for k, v in sorted(by_severity.items())},
    )


def scan(paths: list[str], options: ScanOptions) -> Report:
    """Scan infrastructure code under `paths` with the selected rules."""
    catalog = load_catalog()
    rules = select_rules(catalog, options)
    errors: list[InputError] = []
    existing: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(InputError(raw, None, "path does not exist"))
        else:
            existing.append((path, _shown(path)))
    load = load_sources(
        existing,
        catalog.native_types,
        options.var_files,
        options.workers,
        parameters=dict(options.parameters),
        module_timeout=options.module_timeout,
    )
    errors.extend(load.errors)
    readable = load.files > 0
    if existing and not readable:
        errors.append(
            InputError(", ".join(s for _, s in existing), None, f"no {SUPPORTED} files found")
        )
    normalized = normalize_all(load.resources, catalog)
    tables = build_tables(normalized.resources, catalog.kinds)
    outcomes = evaluate(tables, compile_rules(rules, catalog.kinds), relations_table(normalized))
    by_id = {r.id: r for r in rules}
    summary = _summarize(outcomes, normalized.resources, by_id)
    summary.files = load.files
    summary.resources_read = load.resources_read
    summary.errors = len(errors)
    summary.not_scanned = len(load.not_scanned)
    return Report(
        summary=summary,
        results=_results(outcomes, normalized.resources, by_id, options.include_passed),
        errors=errors,
        not_scanned=load.not_scanned,
        readable=readable,
    )
