"""The order a report lists its results in: failures first, attack paths first among them,
most severe first, then by place in the code.

A million results sorted by a Python key function build a million tuples and compare them
pairwise; here the keys are columns and Polars sorts them (stable, as `sorted` is), so the
only per-result Python is reading each key's attribute once.
"""

from __future__ import annotations

import polars as pl

from scanner.engine.rules import Category, Rule
from scanner.report import Result

# Below this, `sorted` is as quick and builds no frames.
_COLUMNAR_FROM = 2048


def result_order(r: Result) -> tuple[bool, bool, int, str, int, str, str]:
    """The sort key of one result (sort_results sorts by the same keys)."""
    return (
        r.status != "failed",
        not r.is_attack_path,
        -r.rule.severity.rank,
        r.resource.location.file or "",
        r.resource.location.line or 0,
        r.resource.id,
        r.rule.id,
    )


def sort_results(results: list[Result]) -> list[Result]:
    """The results in report order: the order `sorted(results, key=result_order)` gives."""
    if len(results) < _COLUMNAR_FROM:
        return sorted(results, key=result_order)
    # What a rule says about the order (attack path, severity, id), once per rule object.
    rules: dict[int, Rule] = {id(r.rule): r.rule for r in results}
    number = {key: n for n, key in enumerate(rules)}
    per_rule = pl.DataFrame(
        {
            "__rule": range(len(rules)),
            "__path": [rule.category is not Category.ATTACK_PATH for rule in rules.values()],
            "__severity": [-rule.severity.rank for rule in rules.values()],
            "__rule_id": [rule.id for rule in rules.values()],
        },
        schema={
            "__rule": pl.UInt32(),
            "__path": pl.Boolean(),
            "__severity": pl.Int64(),
            "__rule_id": pl.String(),
        },
    )
    try:
        keys = pl.DataFrame(
            {
                "__passed": [r.status != "failed" for r in results],
                "__rule": [number[id(r.rule)] for r in results],
                "__file": [r.resource.location.file or "" for r in results],
                "__line": [r.resource.location.line or 0 for r in results],
                "__id": [r.resource.id for r in results],
            },
            schema={
                "__passed": pl.Boolean(),
                "__rule": pl.UInt32(),
                "__file": pl.String(),
                "__line": pl.Int64(),
                "__id": pl.String(),
            },
        )
    except UnicodeEncodeError:  # a lone surrogate in a file name or an id: Python compares it
        return sorted(results, key=result_order)
    order = (
        keys.with_row_index("__at")
        .join(per_rule, on="__rule", how="left", maintain_order="left")
        .sort(
            # The row's place last: ties keep the order they came in, as `sorted` does.
            ["__passed", "__path", "__severity", "__file", "__line", "__id", "__rule_id", "__at"]
        )["__at"]
    )
    return [results[at] for at in order]
