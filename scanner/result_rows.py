"""Decided outcomes in the report's order, and their fingerprints, as table operations: a
million results are sorted on integer columns and fingerprinted a slice at a time, instead
of a sort key and a digest built per result in Python. `result_order` is the same order on
Result objects (for results merged from elsewhere: Checkov's, suppressed ones)."""

from __future__ import annotations

from operator import attrgetter

import polars as pl

from scanner.engine.rules import Category, Rule
from scanner.engine.tables import ROW_ID
from scanner.model.resource import Resource
from scanner.report import Result, fingerprints

# Rows fingerprinted at a time: a million identities at once are hundreds of MB at the peak.
_IDENTITIES = 65_536
# What orders results and makes their fingerprints, read from each resource shown.
_ORDER_FIELDS = (
    ("file", "location.file"),
    ("line", "location.line"),
    ("id", "id"),
    ("provider", "provider"),
    ("source", "location.source"),
    ("scope", "scope"),
    ("account", "location.account"),
)


def result_order(r: Result) -> tuple[bool, bool, int, str, int, str, str]:
    """Failures first, attack paths first among them, most severe first, then by place in
    the code."""
    return (
        r.status != "failed",
        not r.is_attack_path,
        -r.rule.severity.rank,
        r.resource.location.file or "",
        r.resource.location.line or 0,
        r.resource.id,
        r.rule.id,
    )


def fingerprints_of(ordered: pl.DataFrame, named: pl.DataFrame, rules: list[Rule]) -> list[str]:
    """The fingerprint of each row (`rule` and __rid of `ordered`; what each resource's says,
    `named`), its identity put together a slice at a time: a million at once would be some
    hundreds of MB more at the peak, as Arrow text and as bytes."""
    rule_ids = pl.Series([rule.id for rule in rules], dtype=pl.String())
    identity = pl.concat_str(
        pl.lit(rule_ids).gather(pl.col("rule")), pl.lit("\x1f"), "fingerprinted"
    ).cast(pl.Binary())
    out: list[str] = []
    for start in range(0, ordered.height, _IDENTITIES):
        rows = ordered.slice(start, _IDENTITIES).join(
            named, on=ROW_ID, how="left", maintain_order="left"
        )
        out += fingerprints(rows.select(identity).to_series().to_list())
    return out


def ordered_outcomes(
    shown: pl.DataFrame, rules: list[Rule], resources: list[Resource]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The outcomes (__rid, passed) in `result_order`, with each row's rule (its place in
    `rules`); and what a fingerprint says of each of their resources (__rid, fingerprinted).

    Sorted on integer columns: the strings of the order (file, id, rule id) are ranked once
    per resource and rule, not compared once per result."""
    by_id = {rule_id: place for place, rule_id in enumerate(sorted(r.id for r in rules))}
    by_rule = pl.DataFrame(
        {
            "rule_id": [rule.id for rule in rules],
            "rule": range(len(rules)),
            "attack_path": [rule.category is Category.ATTACK_PATH for rule in rules],
            "severity": [rule.severity.rank for rule in rules],
            "rule_place": [by_id[rule.id] for rule in rules],
        },
        schema={
            "rule_id": pl.String(),
            "rule": pl.UInt32(),
            "attack_path": pl.Boolean(),
            "severity": pl.Int8(),
            "rule_place": pl.UInt32(),
        },
    )
    rows = shown[ROW_ID].unique()
    shown_resources = list(map(resources.__getitem__, rows.to_list()))
    by_row = pl.DataFrame(
        {ROW_ID: rows}
        | {name: list(map(attrgetter(path), shown_resources)) for name, path in _ORDER_FIELDS},
        schema={ROW_ID: pl.UInt32()} | {name: pl.String() for name, _ in _ORDER_FIELDS},
        schema_overrides={"line": pl.Int64()},
    ).with_columns(
        pl.col("file").fill_null(""),
        pl.col("line").fill_null(0),
        # report.fingerprinted, on columns: provider, source, scope, file or account, id.
        pl.concat_str(
            "provider",
            "source",
            "scope",
            pl.when(pl.col("file") != "")
            .then("file")
            .when(pl.col("account") != "")
            .then("account")
            .otherwise(pl.lit("")),
            "id",
            separator="\x1f",
        ).alias("fingerprinted"),
    )
    # Each resource's place by (file, line, id); the same three, the same place.
    place = ["file", "line", "id"]
    placed = by_row.sort(place).select(
        ROW_ID,
        pl.any_horizontal(pl.col(place) != pl.col(place).shift())
        .fill_null(True)
        .cum_sum()
        .alias("place"),
    )
    ordered = (
        shown.lazy()
        .join(by_rule.lazy(), on="rule_id", how="left", maintain_order="left")
        .join(placed.lazy(), on=ROW_ID, how="left", maintain_order="left")
        # result_order's key; stable, as the sort of a list is.
        .sort(
            ["passed", "attack_path", "severity", "place", "rule_place"],
            descending=[False, True, True, False, False],
            maintain_order=True,
        )
        .select(ROW_ID, "rule", "passed")
        .collect()
    )
    return ordered, by_row.select(ROW_ID, "fingerprinted")
