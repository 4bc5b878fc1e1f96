"""The edges a join walks: rows of the relations table (source row, field, target row) for one
relation, and, where a test says `match`, the names written as plain values."""

from __future__ import annotations

import polars as pl

from scanner.engine.tables import ROW_ID, SCOPE


def edges(
    via: str,
    source: pl.DataFrame,
    target: pl.DataFrame | None,
    relations: pl.DataFrame,
    *,
    match: str | None = None,
    reverse: bool = False,
) -> pl.LazyFrame:
    """(source, target) rows: references through `via`, plus value matches with `match`."""
    found = relations.lazy().filter(pl.col("field") == via).select("source", "target")
    if reverse:  # the related resource's field refers to this one: walk the edge backwards
        found = found.select(pl.col("target").alias("source"), pl.col("source").alias("target"))
    if match is None or target is None or target.is_empty() or via not in source.schema:
        return found
    # A name written as a literal string is a reference too (a schedule names its job), to a
    # resource of the same scope: the same name in another module or account is another job.
    by_value = source.lazy().select(pl.col(ROW_ID).alias("source"), pl.col(via).alias("v"), SCOPE)
    if isinstance(source.schema[via], pl.List):
        by_value = by_value.explode("v")  # each of several names (a model's artefact buckets)
    keys = target.lazy().select(pl.col(ROW_ID).alias("target"), pl.col(match).alias("v"), SCOPE)
    matched = (
        by_value.drop_nulls("v")
        .join(keys.drop_nulls("v"), on=["v", SCOPE])
        .select("source", "target")
    )
    return pl.concat([found, matched]).unique()
