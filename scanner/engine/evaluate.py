"""Evaluate every rule of a kind in one pass over the kind's table; findings as a table.

Cross-resource tests (`related:`, `path:`) are joins: the related kind's test is evaluated once
on its own table, joined to the relations table (source row, field, target row) and reduced per
source row with three-valued logic, then joined to the source table as one more column. A path
is walked hop by hop the same way (path_walk.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

from scanner.engine.conditions import (
    Joined,
    PathTest,
    RelatedTest,
    compile_condition,
    fields_read,
)
from scanner.engine.edges import edges
from scanner.engine.path_walk import path_column
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID
from scanner.model.kinds import Kind

OUTCOMES_SCHEMA = {ROW_ID: pl.UInt32(), "rule_id": pl.String(), "passed": pl.Boolean()}
RELATIONS_SCHEMA = {"source": pl.UInt32(), "field": pl.String(), "target": pl.UInt32()}


@dataclass(frozen=True, slots=True)
class Reads:
    """What a rule reads, for its evidence: fields of its own resource, in the order written,
    and its `related:` tests (each knows the fields its check reads)."""

    fields: tuple[str, ...]
    related: tuple[Joined, ...]


@dataclass(slots=True)
class CompiledKind:
    exprs: list[pl.Expr] = field(default_factory=list)
    related: dict[str, Joined] = field(default_factory=dict)
    reads: dict[str, Reads] = field(default_factory=dict)  # by rule id


def compile_rules(rules: list[Rule], kinds: Mapping[str, Kind]) -> dict[str, CompiledKind]:
    """Compile each rule once; expressions grouped by kind, aliased by rule id."""
    compiled: dict[str, CompiledKind] = {}
    for rule in rules:
        related: list[Joined] = []
        expr = compile_condition(rule.check, kinds[rule.kind], kinds, related).alias(rule.id)
        target = compiled.setdefault(rule.kind, CompiledKind())
        target.exprs.append(expr)
        target.related.update((test.column, test) for test in related)
        target.reads[rule.id] = Reads(fields_read(rule.check)[0], tuple(related))
    return compiled


def _edges(
    test: RelatedTest, source: pl.DataFrame, target: pl.DataFrame | None, relations: pl.DataFrame
) -> pl.LazyFrame:
    return edges(test.via, source, target, relations, match=test.match, reverse=test.reverse)


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
            target = with_related(target, test.nested, tables, relations)
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
        target = with_related(target, test.nested, tables, relations)
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


def _found(test: Joined) -> str:
    return f"{test.column}__found"


def with_related(
    table: pl.DataFrame,
    tests: Iterable[Joined],
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
) -> pl.DataFrame:
    """`table` with a column per test: the joins its conditions read."""
    lazy = table.lazy()
    for test in tests:
        if isinstance(test, PathTest):
            joined = path_column(test, table, tables, relations, with_related)
            missing: bool | None = False  # no chain at all: the path does not exist
        else:
            joined = _related_column(test, table, tables, relations)
            missing = test.missing
        joined = joined.with_columns(pl.lit(True).alias(_found(test)))
        lazy = lazy.join(joined, on=ROW_ID, how="left")
        # Nothing related found: the rule's own choice (undecided unless it says otherwise).
        lazy = lazy.with_columns(
            pl.when(pl.col(_found(test)).is_null())
            .then(pl.lit(missing, dtype=pl.Boolean))
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
            table = with_related(table, rules.related.values(), tables, edges)
        outcomes = table.lazy().select(pl.col(ROW_ID), *rules.exprs)
        frames.append(outcomes.unpivot(index=ROW_ID, variable_name="rule_id", value_name="passed"))
    if not frames:
        return pl.DataFrame(schema=OUTCOMES_SCHEMA)
    return pl.concat(pl.collect_all(frames)).cast(OUTCOMES_SCHEMA)  # type: ignore[arg-type]
