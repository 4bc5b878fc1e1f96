"""The stages between what the sources read and the report, in the order they run:

    sources -> normalize -> enrich -> engine -> report -> writers

- normalize: each native resource onto its kind (typed fields, service defaults) and the
  relations it declares; companions merged into what they configure first.
- enrich: what no single resource says. IAM: a role's or policy's documents merged, exploded
  to statements and judged (what it grants, to which ML resources); Azure role assignments and
  Google grants: which role, how broad, to which ML identity. Computed fields, read by rules.
- engine: one Polars table per kind, every rule compiled once and evaluated in one pass per
  kind, `related:` tests as joins; then the evidence of the failed results.
- report: results and the engine's tally (summary.py builds the report from them).

`judge` runs normalize -> report for the native resources of any source; scan and audit
(pipeline.py, audit.py) add the sources before it and the review steps after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

import polars as pl

from scanner.collector import collection_paused
from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.evidence import Evidence, collect_evidence
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID, build_tables
from scanner.errors import InputError
from scanner.iam.analyse import analyse_iam
from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate
from scanner.iam.documents_of import Documents
from scanner.iam.grants import analyse_grants
from scanner.iam.holders import HOLDERS as IAM_HOLDERS
from scanner.iam.holders import Collector, collect
from scanner.iam.managed import load_managed_policies
from scanner.iam.reach import ReachEdges, compute_reach, no_reach
from scanner.mappings import Catalog
from scanner.mappings.columnar import normalize_tables
from scanner.mappings.companions import attach_companions
from scanner.mappings.iam_policies import expand_iam_policies
from scanner.mappings.secrets import secret_scanning
from scanner.model.resource import NativeResource, Relation, Resource
from scanner.report import Result, engine_results
from scanner.result_rows import fingerprints_of, ordered_outcomes
from scanner.result_rows import result_order as result_order
from scanner.summary import Tally, tally


@dataclass(slots=True)
class Normalized:
    resources: list[Resource] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # What each identity can read / write / manage (enrich): relations rows of their own.
    reach: ReachEdges = field(default_factory=no_reach)


@dataclass(frozen=True, slots=True)
class Judged:
    """What the engine decided: a row per (resource, rule), and what failed rules saw."""

    resources: list[Resource]
    rules: dict[str, Rule]
    outcomes: pl.DataFrame  # __rid, rule_id, passed (True, False, null: undecided)
    evidence: dict[str, dict[int, tuple[Evidence, ...]]]


# --- normalize ---------------------------------------------------------------------------


def normalize_all(natives: list[NativeResource], catalog: Catalog) -> Normalized:
    # detect-secrets set up once, not once per resource.
    with secret_scanning(), collection_paused():
        return _normalize_each(natives, catalog)


def _normalize_each(natives: list[NativeResource], catalog: Catalog) -> Normalized:
    # A bucket's encryption and public access block set by resources of their own (Terraform)
    # are read as the bucket's: companions are merged into what they configure first.
    merged = attach_companions(expand_iam_policies(natives), catalog.companions)
    # Each table's resources normalized together, a column at a time (mappings/columnar.py),
    # and given back in the order they were read.
    resources, relations = normalize_tables(merged, catalog)
    return Normalized(resources, relations)


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


# --- enrich ------------------------------------------------------------------------------


def enrich(normalized: Normalized, errors: list[InputError] | None = None) -> Normalized:
    """IAM and grants: the computed fields of roles, policies, role assignments and grants.

    A document that is not a policy is an input problem, appended to `errors`."""
    # Computed resources are built without cycles: no full collection pass over the estate.
    with collection_paused():
        return _enrich(normalized, errors)


def _enrich(normalized: Normalized, errors: list[InputError] | None) -> Normalized:
    # One index of the resources and their relations serves every analysis below.
    estate = Estate.build(normalized.resources, normalized.relations)
    # The action catalog and AWS managed policies, read once for the IAM analysis and reach.
    iam = any(r.kind in IAM_HOLDERS for r in normalized.resources)
    catalog = ActionCatalog.load() if iam else None
    managed = load_managed_policies() if iam else None
    # The holders' documents, collected once: the IAM analysis and AWS reach read the same.
    collector = None
    if managed is not None:
        collector = Collector(estate, managed, Documents(estate))
        collect(collector)
    # Reach reads the IAM documents and grants as normalized (not the computed fields).
    reach = compute_reach(estate, catalog, managed, collector)
    resources = analyse_iam(
        normalized.resources,
        normalized.relations,
        catalog=catalog,
        managed=managed,
        errors=errors,
        estate=estate,
        collector=collector,
    )
    resources = analyse_grants(resources, estate)
    return Normalized(resources, normalized.relations, reach)


# --- engine ------------------------------------------------------------------------------


def run_engine(normalized: Normalized, catalog: Catalog, rules: list[Rule]) -> Judged:
    """Every rule on every resource of its kind, columnar; evidence for the failed rows."""
    with collection_paused():
        return _run_engine(normalized, catalog, rules)


def _run_engine(normalized: Normalized, catalog: Catalog, rules: list[Rule]) -> Judged:
    tables = build_tables(normalized.resources, catalog.kinds)
    reach = normalized.reach  # reach edges are relations too: paths walk them
    relations = pl.concat([relations_table(normalized), reach.select(list(RELATIONS_SCHEMA))])
    compiled = compile_rules(rules, catalog.kinds)
    outcomes = evaluate(tables, compiled, relations)
    by_id = {r.id: r for r in rules}
    evidence = collect_evidence(
        outcomes, tables, relations, by_id, normalized.resources, catalog, compiled, reach
    )
    return Judged(normalized.resources, by_id, outcomes, evidence)


# --- report ------------------------------------------------------------------------------


def results_of(judged: Judged, include_passed: bool) -> list[Result]:
    """Decided outcomes as results, in `result_order`; passed ones only when asked for."""
    # A million results are a million objects, none in a cycle: no collection pass over them.
    with collection_paused():
        return _results_of(judged, include_passed)


def _results_of(judged: Judged, include_passed: bool) -> list[Result]:
    shown = judged.outcomes.filter(pl.col("passed").is_not_null())
    if not include_passed:
        shown = shown.filter(~pl.col("passed"))
    if shown.is_empty():
        return []
    rules = list(judged.rules.values())
    ordered, named = ordered_outcomes(shown, rules, judged.resources)
    rows, places = ordered[ROW_ID].to_list(), ordered["rule"].to_list()
    # The evidence of failed results, by the rule's place in `rules`, then by row.
    seen = [judged.evidence.get(rule.id, {}) for rule in rules]
    evidence = list(map(dict.get, map(seen.__getitem__, places), rows, repeat(())))
    passed = ordered["passed"]
    for index in passed.arg_true().to_list():
        evidence[index] = ()
    return engine_results(
        list(map(rules.__getitem__, places)),
        list(map(judged.resources.__getitem__, rows)),
        list(map(("failed", "passed").__getitem__, passed.to_list())),
        fingerprints_of(ordered, named, rules),
        evidence,
    )


def judge(
    natives: list[NativeResource],
    catalog: Catalog,
    rules: list[Rule],
    include_passed: bool,
    errors: list[InputError] | None = None,
    other: pl.DataFrame | None = None,
) -> tuple[Tally, list[Result]]:
    """Native resources of any source, through normalize -> enrich -> engine -> report: the
    engine's tally and the results. Input problems found on the way go to `errors`; `other`:
    another engine's decided outcomes, counted in the tally (scanner/checkov)."""
    # Each stage's input is let go once the next has what it needs: the resources before
    # enrichment (its copies replace them) and reach's edges (the evidence holds what it
    # used) are not held through the report, which a million results make the peak.
    judged = run_engine(enrich(normalize_all(natives, catalog), errors), catalog, rules)
    return tally(judged.outcomes, judged.resources, judged.rules, other), results_of(
        judged, include_passed
    )
