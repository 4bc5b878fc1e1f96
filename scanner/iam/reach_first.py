"""The first reason per (document, target, level) of Allow statements that name their targets
by one literal Resource pattern per document, the common case, without a row per resource type.

A pattern names a target through one or more of its resource types (`*` names a bucket and
its objects): joined per type, each target would come once per type and need grouping again
(at a million resources, tens of millions of rows held at once). Here the types a pattern
names of each target are one signature (`bucket|object`); the statements' reasons are reduced
per (document, pattern, signature, level) first, a small table, and only then joined to the
targets: one row per (document, target, level), nothing left to group. A document with more
than one pattern, a NotResource or a reference is left to the general join (reach_aws.py).
"""

from __future__ import annotations

import polars as pl

from scanner.iam.documents import UNKNOWN_MARK


def in_scope(rows: pl.LazyFrame, targets: pl.LazyFrame, on: list[str]) -> pl.LazyFrame:
    """`rows` (with their document's `__dscope`) joined `on` to `targets` (with `__tscope`):
    a document of a place to the targets of that place, one of no place to every target."""
    placed = rows.filter(pl.col("__dscope").is_not_null()).join(
        targets, left_on=[*on, "__dscope"], right_on=[*on, "__tscope"]
    )
    placed = placed.with_columns(pl.col("__dscope").alias("__tscope"))
    unplaced = rows.filter(pl.col("__dscope").is_null()).join(targets, on=on)
    return pl.concat([placed, unplaced.select(placed.collect_schema().names())])


def single_pattern_docs(chosen: pl.DataFrame) -> pl.Series:
    """The documents whose statements of `chosen` (with a Resource) name one literal pattern,
    never through NotResource."""
    return (
        chosen.group_by("doc")
        .agg(
            (pl.col("resource").n_unique() == 1)
            & ~pl.col("not_resource").any()
            & ~pl.col("resource").first().str.contains(UNKNOWN_MARK, literal=True)
        )
        .filter(pl.col("resource"))["doc"]
    )


def first_by_pattern(
    rows: pl.LazyFrame,
    literal: pl.DataFrame,
    targets: pl.LazyFrame,
    owners: pl.LazyFrame,
    order: pl.Expr,
) -> pl.LazyFrame:
    """(source, target, __level, order): per identity, target and level, the lowest `order`
    of each of its documents (one row per document that reaches the target).

    `rows`: (doc, resource, rtype, __level, __dscope and what `order` reads) of documents of
    one literal pattern each (single_pattern_docs); `literal`: (resource, target, rtype), the
    targets each pattern names; `targets`: (target, __tscope); `owners`: (source, doc,
    __oscope), the identities holding each document. An identity reaches the targets of its
    own place; a document of a place only there, one of no place (AWS managed) everywhere."""
    signatures = (
        literal.lazy()
        .group_by("resource", "target")
        .agg(pl.col("rtype").unique().sort().str.join("|").alias("__sig"))
    )
    sig_types = (
        signatures.select("resource", "__sig")
        .unique()
        .with_columns(pl.col("__sig").str.split("|").alias("rtype"))
        .explode("rtype")
    )
    reasons = (
        rows.join(sig_types, on=["resource", "rtype"])
        .group_by("doc", "resource", "__sig", "__level")
        .agg(order.min(), pl.col("__dscope").first())
    )
    held = reasons.join(owners, on="doc").filter(
        pl.col("__dscope").is_null() | (pl.col("__dscope") == pl.col("__oscope"))
    )
    return held.join(
        signatures.join(targets, on="target"),
        left_on=["resource", "__sig", "__oscope"],
        right_on=["resource", "__sig", "__tscope"],
    ).select("source", "target", pl.col("__level").cast(pl.UInt32), "order")
