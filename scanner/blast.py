"""Blast radius: what a resource's compromise reaches, walked forward over the relations and
the identities' reach edges (can_read / can_write / can_manage), as joins.

A breadth-first walk where each step is one join of the frontier with the edges table; a
resource is reached once, at its least depth (the first edge found names how).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from scanner.model.resource import Resource

MAX_DEPTH = 6  # beyond this the chain says little the first hops did not

REACHED_SCHEMA = {
    "depth": pl.UInt8(),
    "source": pl.UInt32(),
    "field": pl.String(),
    "target": pl.UInt32(),
    "via": pl.String(),
}


@dataclass(frozen=True, slots=True)
class Reached:
    """One resource reached: how deep, from which resource, through which relation."""

    depth: int
    resource: Resource
    source: Resource
    relation: str
    granted_by: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "depth": self.depth,
            "resource": self.resource.id,
            "kind": self.resource.kind,
            "from": self.source.id,
            "relation": self.relation,
            "granted_by": self.granted_by,
            "file": self.resource.location.file,
            "line": self.resource.location.line,
            "account": self.resource.location.account,
        }


def reached_rows(
    start: list[int],
    relations: pl.DataFrame,
    reach: pl.DataFrame | None = None,
    max_depth: int = MAX_DEPTH,
) -> pl.DataFrame:
    """(depth, source, field, target, via) for each row reached from `start`."""
    edges = relations.select("source", "field", "target").with_columns(
        pl.lit(None, dtype=pl.String()).alias("via")
    )
    if reach is not None and not reach.is_empty():
        granted = reach.select("source", "field", "target", "via")
        # A reach edge that is also a relation keeps its grant: it says more.
        edges = pl.concat([granted, edges]).unique(
            ["source", "field", "target"], keep="first", maintain_order=True
        )
    seen = pl.DataFrame({"target": start}, schema={"target": pl.UInt32()}).unique()
    frontier = seen.rename({"target": "source"})
    found: list[pl.DataFrame] = []
    for depth in range(1, max_depth + 1):
        step = (
            frontier.join(edges, on="source")
            .join(seen, on="target", how="anti")
            .sort("target", "source", "field")  # joins keep no order: the first, always the same
            .unique("target", keep="first", maintain_order=True)
            .with_columns(pl.lit(depth, dtype=pl.UInt8()).alias("depth"))
        )
        if step.is_empty():
            break
        found.append(step.select(list(REACHED_SCHEMA)))
        seen = pl.concat([seen, step.select("target")])
        frontier = step.select(pl.col("target").alias("source"))
    if not found:
        return pl.DataFrame(schema=REACHED_SCHEMA)
    return pl.concat(found).cast(REACHED_SCHEMA)  # type: ignore[arg-type]


def blast_radius(
    resources: list[Resource],
    start: list[int],
    relations: pl.DataFrame,
    reach: pl.DataFrame | None = None,
    max_depth: int = MAX_DEPTH,
) -> list[Reached]:
    """The resources reached from `start` (rows of `resources`), nearest first."""
    rows = reached_rows(start, relations, reach, max_depth).sort("depth", "target")
    return [
        Reached(depth, resources[target], resources[source], field, via)
        for depth, source, field, target, via in rows.iter_rows()
    ]
