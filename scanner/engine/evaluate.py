"""Evaluate every rule of a kind in one pass over the kind's table; findings as a table.

Cross-resource tests (`related:`) are joins: the related kind's test is evaluated once on its
own table, joined to the relations table (source row, field, target row) and reduced per
source row with three-valued logic, then joined to the source table as one more column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

from scanner.engine.conditions import RelatedTest, compile_condition, fields_read
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID, SCOPE
from scanner.model.kinds import Kind

OUTCOMES_SCHEMA = {ROW_ID: pl.UInt32(), "rule_id": pl.String(), "passed": pl.Boolean()}
RELATIONS_SCHEMA = {"source": pl.UInt32(), "field": pl.String(), "target": pl.UInt32()}


@dataclass(frozen=True, slots=True)
class Reads:
    """What a rule reads, for its evidence: fields of its own resource, in the order written,
    and its `related:` tests (each knows the fields its check reads)."""

    fields: tuple[str, ...]
    related: tuple[RelatedTest, ...]


@dataclass(slots=True)
class CompiledKind:
    exprs: list[pl.Expr] = field(default_factory=list)
    related: dict[str, RelatedTest] = field(default_factory=dict)
    reads: dict[str, Reads] = field(default_factory=dict)  # by rule id


def compile_rules(rules: list[Rule], kinds: Mapping[str, Kind]) -> dict[str, CompiledKind]:
    """Compile each rule once; expressions grouped by kind, aliased by rule id."""
    compiled: dict[str, CompiledKind] = {}
    for rule in rules:
        related: list[RelatedTest] = []
        expr = compile_condition(rule.check, kinds[rule.kind], kinds, related).alias(rule.id)
        target = compiled.setdefault(rule.kind, CompiledKind())
        target.exprs.append(expr)
        target.related.update((test.column, test) for test in related)
        target.reads[rule.id] = Reads(fields_read(rule.check)[0], tuple(related))
    return compiled


def _edges(
    test: RelatedTest, source: pl.DataFrame, target: pl.DataFrame | None, relations: pl.DataFrame
) -> pl.LazyFrame:
    """(source, target) rows: references, plus value matches when the test says `match`."""
    edges = relations.lazy().filter(pl.col("field") == test.via).select("source", "target")
    if test.reverse:  # the related resource's field refers to this one: walk the edge backwards
        edges = edges.select(pl.col("target").alias("source"), pl.col("source").alias("target"))
    if test.match is None or target is None or target.is_empty():
        return edges
    # A name written as a literal string is a reference too (a schedule names its job), to a
    # resource of the same scope: the same name in another module or account is another job.
    by_value = source.lazy().select(
        pl.col(ROW_ID).alias("source"), pl.col(test.via).alias("v"), SCOPE
    )
    if isinstance(source.schema[test.via], pl.List):
        by_value = by_value.explode("v")  # each of several names (a model's artefact buckets)
    keys = target.lazy().select(
        pl.col(ROW_ID).alias("target"), pl.col(test.match).alias("v"), SCOPE
    )
    matched = (
        by_value.drop_nulls("v")
        .join(keys.drop_nulls("v"), on=["v", SCOPE])
        .select("source", "target")
    )
    return pl.concat([edges, matched]).unique()


def _related_column(
    test: RelatedTest,
    source: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
) -> pl.LazyFrame:
    """Per source row: False if any related row fails, null if any is undecided, else True."""
    target = tables.get(test.kind.name)
    if target is None or target.is_empty():
        outcomes = pl.LazyFrame(schema={"target": pl.UInt32(), "ok": pl.Boolean()})
    else:
        if test.nested:
            target = _with_related(target, test.nested, tables, relations)
        outcomes = target.lazy().select(pl.col(ROW_ID).alias("target"), test.check.alias("ok"))
    edges = _edges(test, source, target, relations)
    return (
        edges.join(outcomes, on="target", how="inner")
        .group_by("source")
        .agg(
            (~pl.col("ok")).any().alias("any_failed"),
            pl.col("ok").is_null().any().alias("any_undecided"),
        )
        .select(
            pl.col("source").alias(ROW_ID),
            pl.when(pl.col("any_failed"))
            .then(pl.lit(False))
            .when(pl.col("any_undecided"))
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(pl.lit(True))
            .alias(test.column),
            pl.lit(True).alias(_found(test)),
        )
    )


def related_failures(
    test: RelatedTest,
    rows: list[int],
    source: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
) -> tuple[dict[int, list[int]], set[int]]:
    """For `rows` of `source` (the table of the rule's kind), after evaluation: the related
    rows that fail the test's check, by source row, and the rows that have any related row.

    The evidence of failed results only: the same join as `_related_column`, not reduced."""
    target = tables.get(test.kind.name)
    if target is None or target.is_empty() or not rows:
        return {}, set()
    if test.nested:
        target = _with_related(target, test.nested, tables, relations)
    outcomes = target.lazy().select(pl.col(ROW_ID).alias("target"), test.check.alias("ok"))
    wanted = pl.LazyFrame({"source": rows}, schema={"source": pl.UInt32()})
    source = source.join(wanted.collect().rename({"source": ROW_ID}), on=ROW_ID, how="semi")
    joined = (
        _edges(test, source, target, relations)
        .join(wanted, on="source", how="semi")
        .join(outcomes, on="target", how="inner")
        .sort("source", "target")
        .collect()
    )
    failing: dict[int, list[int]] = {}
    for row, target_row in joined.filter(~pl.col("ok")).select("source", "target").iter_rows():
        failing.setdefault(row, []).append(target_row)
    return failing, set(joined.get_column("source").to_list())


def _found(test: RelatedTest) -> str:
    return f"{test.column}__found"


def _with_related(
    table: pl.DataFrame,
    tests: Iterable[RelatedTest],
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
) -> pl.DataFrame:
    lazy = table.lazy()
    for test in tests:
        joined = _related_column(test, table, tables, relations)
        lazy = lazy.join(joined, on=ROW_ID, how="left")
        # Nothing related found: the rule's own choice (undecided unless it says otherwise).
        lazy = lazy.with_columns(
            pl.when(pl.col(_found(test)).is_null())
            .then(pl.lit(test.missing, dtype=pl.Boolean))
            .otherwise(pl.col(test.column))
            .alias(test.column)
        ).drop(_found(test))
    return lazy.collect()


def evaluate(
    tables: dict[str, pl.DataFrame],
    compiled: dict[str, CompiledKind],
    relations: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per (resource, rule): `passed` is True, False, or null when undecided."""
    edges = relations if relations is not None else pl.DataFrame(schema=RELATIONS_SCHEMA)
    frames = []
    for kind, rules in compiled.items():
        table = tables.get(kind)
        if table is None or table.is_empty():
            continue
        if rules.related:
            table = _with_related(table, rules.related.values(), tables, edges)
        outcomes = table.lazy().select(pl.col(ROW_ID), *rules.exprs)
        frames.append(outcomes.unpivot(index=ROW_ID, variable_name="rule_id", value_name="passed"))
    if not frames:
        return pl.DataFrame(schema=OUTCOMES_SCHEMA)
    return pl.concat(pl.collect_all(frames)).cast(OUTCOMES_SCHEMA)  # type: ignore[arg-type]
