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
    if match is None or target is None or target.is_empty():
        return found
    # Reversed, the next resource's `via` names this one's `match` (a model names the bucket
    # its artefacts are in; the walk goes from the bucket to the model).
    holder, named = (target, source) if reverse else (source, target)
    if via not in holder.schema or match not in named.schema:
        return found
    # A name written as a literal string is a reference too (a schedule names its job), to a
    # resource of the same scope: the same name in another module or account is another job.
    by_value = holder.lazy().select(pl.col(ROW_ID).alias("holder"), pl.col(via).alias("v"), SCOPE)
    if isinstance(holder.schema[via], pl.List):
        by_value = by_value.explode("v")  # each of several names (a model's artefact buckets)
    keys = named.lazy().select(pl.col(ROW_ID).alias("named"), pl.col(match).alias("v"), SCOPE)
    pairs = by_value.drop_nulls("v").join(keys.drop_nulls("v"), on=["v", SCOPE])
    if reverse:
        matched = pairs.select(pl.col("named").alias("source"), pl.col("holder").alias("target"))
    else:
        matched = pairs.select(pl.col("holder").alias("source"), pl.col("named").alias("target"))
    return pl.concat([found, matched]).unique()
