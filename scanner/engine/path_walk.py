"""A `path:` walked as joins: from the resources its entry holds on, hop by hop over the
relations table (reach edges included), each hop joined to its check evaluated once on its
kind's table. No loop over resources: one join per hop.

Three-valued and existential. Each partial chain carries a level: 2 when every check so far
surely holds, 1 when one is undecided (and none fails), chains that fail are dropped. A chain's
level is the least of its hops'; a resource's is the greatest of its chains' (Kleene's `and`
along a chain, `or` across chains): 2 -> True, 1 -> null, no chain -> False.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from scanner.engine.conditions import CompiledHop, Joined, PathTest
from scanner.engine.edges import edges
from scanner.engine.tables import ROW_ID

# Adds a test's join columns to a table (evaluate.with_related): a hop's check may have joins.
Prepare = Callable[
    [pl.DataFrame, Iterable[Joined], dict[str, pl.DataFrame], pl.DataFrame], pl.DataFrame
]

_SURE, _UNDECIDED = 2, 1
CHAINS_SHOWN = 5  # chains named in a failed result's evidence
_CHAINS_KEPT = 20  # partial chains kept per resource while walking for evidence


def _level(condition: pl.Expr) -> pl.Expr:
    return (
        pl.when(condition)
        .then(pl.lit(_SURE, pl.UInt8))
        .when(condition.is_null())
        .then(pl.lit(_UNDECIDED, pl.UInt8))
        .otherwise(pl.lit(0, pl.UInt8))
    )


def _start(
    test: PathTest,
    source: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
    prepare: Prepare,
    rows: pl.LazyFrame | None,
) -> pl.LazyFrame:
    """(origin, node, level) of the resources the entry may hold on."""
    table = prepare(source, test.nested, tables, relations) if test.nested else source
    start = table.lazy()
    if rows is not None:
        start = start.join(rows, on=ROW_ID, how="semi")
    return start.select(
        pl.col(ROW_ID).alias("origin"),
        pl.col(ROW_ID).alias("node"),
        _level(test.entry).alias("level"),
    ).filter(pl.col("level") > 0)


def _hop_outcomes(
    hop: CompiledHop,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
    prepare: Prepare,
) -> tuple[pl.DataFrame, pl.LazyFrame] | None:
    """The hop's kind table and (target, ok) for the rows its check may hold on."""
    target = tables.get(hop.kind.name)
    if target is None or target.is_empty():
        return None
    if hop.nested:
        target = prepare(target, hop.nested, tables, relations)
    ok = (
        target.lazy()
        .select(pl.col(ROW_ID).alias("target"), _level(hop.check).alias("ok"))
        .filter(pl.col("ok") > 0)
    )
    return target, ok


def _step(
    frontier: pl.LazyFrame,
    hop: CompiledHop,
    current: pl.DataFrame,
    target: pl.DataFrame,
    ok: pl.LazyFrame,
    relations: pl.DataFrame,
) -> pl.LazyFrame:
    walked = edges(hop.via, current, target, relations, match=hop.match, reverse=hop.reverse)
    return (
        frontier.join(walked, left_on="node", right_on="source")
        .join(ok, on="target")
        .with_columns(
            pl.min_horizontal("level", "ok").alias("level"), pl.col("target").alias("node")
        )
        .drop("target", "ok")
    )


def path_column(
    test: PathTest,
    source: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
    prepare: Prepare,
) -> pl.LazyFrame:
    """(row, the test's column) for the rows of `source` with a chain that may hold."""
    frontier = _start(test, source, tables, relations, prepare, None).select(
        "origin", "node", "level"
    )
    current = source
    for hop in test.hops:
        found = _hop_outcomes(hop, tables, relations, prepare)
        if found is None:
            return pl.LazyFrame(schema={ROW_ID: pl.UInt32(), test.column: pl.Boolean()})
        target, ok = found
        frontier = (
            _step(frontier, hop, current, target, ok, relations)
            .group_by("origin", "node")  # many chains to one node: the surest is enough
            .agg(pl.col("level").max())
        )
        current = target
    return (
        frontier.group_by("origin")
        .agg(pl.col("level").max())
        .select(
            pl.col("origin").alias(ROW_ID),
            pl.when(pl.col("level") == _SURE)
            .then(pl.lit(True))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
            .alias(test.column),
        )
    )


@dataclass(frozen=True, slots=True)
class Chain:
    """One chain of a path: its rows, entry first, and whether every hop surely holds."""

    rows: tuple[int, ...]
    sure: bool


def path_chains(
    test: PathTest,
    rows: list[int],
    source: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    relations: pl.DataFrame,
    prepare: Prepare,
) -> dict[int, list[Chain]]:
    """The chains of `rows` (failed results: few), surest first, at most CHAINS_SHOWN each.

    The walk of path_column with every node kept, bounded per resource at each hop."""
    if not rows:
        return {}
    wanted = pl.LazyFrame({ROW_ID: rows}, schema={ROW_ID: pl.UInt32()})
    frontier = _start(test, source, tables, relations, prepare, wanted).select(
        "origin", "node", "level", pl.concat_list(pl.col("node")).alias("chain")
    )
    current = source
    for hop in test.hops:
        found = _hop_outcomes(hop, tables, relations, prepare)
        if found is None:
            return {}
        target, ok = found
        frontier = (
            _step(frontier, hop, current, target, ok, relations)
            .with_columns(pl.concat_list("chain", pl.col("node")).alias("chain"))
            .sort("origin", "level", "chain", descending=[False, True, False])
            .group_by("origin", maintain_order=True)
            .head(_CHAINS_KEPT)
        )
        current = target
    chosen = (
        frontier.sort("origin", "level", "chain", descending=[False, True, False])
        .group_by("origin", maintain_order=True)
        .head(CHAINS_SHOWN)
        .collect()
    )
    chains: dict[int, list[Chain]] = {}
    for origin, level, chain in chosen.select("origin", "level", "chain").iter_rows():
        chains.setdefault(origin, []).append(Chain(tuple(chain), level == _SURE))
    return chains
