"""Evaluate every rule of a kind in one pass over the kind's table; findings as a table."""

from __future__ import annotations

import polars as pl

from scanner.engine.conditions import compile_condition
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID
from scanner.model.kinds import Kind

OUTCOMES_SCHEMA = {ROW_ID: pl.UInt32(), "rule_id": pl.String(), "passed": pl.Boolean()}


def compile_rules(rules: list[Rule], kinds: dict[str, Kind]) -> dict[str, list[pl.Expr]]:
    """Compile each rule once; expressions grouped by kind, aliased by rule id."""
    compiled: dict[str, list[pl.Expr]] = {}
    for rule in rules:
        expr = compile_condition(rule.check, kinds[rule.kind]).alias(rule.id)
        compiled.setdefault(rule.kind, []).append(expr)
    return compiled


def evaluate(tables: dict[str, pl.DataFrame], compiled: dict[str, list[pl.Expr]]) -> pl.DataFrame:
    """One row per (resource, rule): `passed` is True, False, or null when undecided."""
    frames = []
    for kind, exprs in compiled.items():
        table = tables.get(kind)
        if table is None or table.is_empty():
            continue
        outcomes = table.lazy().select(pl.col(ROW_ID), *exprs)
        frames.append(outcomes.unpivot(index=ROW_ID, variable_name="rule_id", value_name="passed"))
    if not frames:
        return pl.DataFrame(schema=OUTCOMES_SCHEMA)
    return pl.concat(pl.collect_all(frames)).cast(OUTCOMES_SCHEMA)  # type: ignore[arg-type]
