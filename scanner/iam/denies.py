"""Explicit Deny: what unconditional Deny statements take away from what Allow statements grant.

In AWS's evaluation logic an explicit Deny always wins over an Allow, in whichever document of
the role (or policy) it sits. Only a Deny that surely applies is subtracted:
- one without a Condition: a condition may not hold when the request is made, so a conditional
  Deny leaves the grant standing (the flags stay pessimistic; never a false pass);
- one on every resource (`Resource: "*"`): a Deny of some ARNs leaves the rest of a `*` grant.
  A `NotResource` Deny spares the resources it lists, so it never covers `*` either.

What a Deny denies is expressed as concrete actions of the universe the flags look at (the write
and permissions-management actions of the risky services, PassRole and the SageMaker escalation
actions among them), so a Deny of `iam:Pass*` or `iam:*` removes PassRole as `iam:PassRole`
does, and `NotAction` denies every action of that universe but the listed ones. Two markers
stand for what the universe cannot list: EVERY_ACTION (Deny `*`) and ALL_BUT_LISTED (a
`NotAction` Deny: nearly everything). A Deny whose actions are known only after apply could deny
anything: a flag it could turn off becomes undecided.

`grants_full_admin` is cleared only by a Deny of every action (or of all but a list): AWS's own
notion, like its AdministratorAccess with a few actions denied, is still administrator access for
every other service, and that is what a security engineer wants to see.
"""

from __future__ import annotations

import polars as pl

from scanner.iam.catalog import ALL_ACTIONS, ActionCatalog
from scanner.iam.documents import UNKNOWN_MARK
from scanner.iam.model_access import MODEL_ACCESS, MODEL_ACCESS_FLAGS
from scanner.iam.statements import (
    ASSUME_ROLE,
    BROAD_ACCESS_LEVELS,
    ML_ESCALATION,
    PASS_ROLE,
    RISKY_SERVICES,
    permission_flags,
)

DENIED_SCHEMA = {"doc": pl.UInt32(), "action": pl.String()}
EVERY_ACTION = ALL_ACTIONS
ALL_BUT_LISTED = "<all-but-listed>"

_BOOL_FLAGS = ("passrole_on_any_resource", "passrole_without_service_condition")


def flagged_actions(catalog: ActionCatalog) -> pl.DataFrame:
    """The actions the flags look at, lowercased, with their service."""
    services = {*RISKY_SERVICES, *(a.split(":", 1)[0] for a in (*ML_ESCALATION, *MODEL_ACCESS))}
    expanded = catalog.expand(f"{service}:*" for service in sorted(services))
    action = pl.col("action").str.to_lowercase()
    return (
        expanded.filter(
            pl.col("access_level").is_in(BROAD_ACCESS_LEVELS)
            | action.is_in([PASS_ROLE, ASSUME_ROLE, *ML_ESCALATION, *MODEL_ACCESS])
        )
        .select(action.alias("action"), "service")
        .unique()
    )


def denied_actions(table: pl.DataFrame, catalog: ActionCatalog) -> pl.DataFrame:
    """Per document of the statements table: what its unconditional Deny statements on `*`
    deny, one row per (doc, action) with actions lowercased, or a marker (see module doc)."""
    deny = (
        table.lazy()
        .filter(
            (pl.col("effect").str.to_lowercase() == "deny")
            & ~pl.col("has_condition")
            & ~pl.col("not_resource")
        )
        .filter((pl.col("resource") == "*").any().over("doc", "stmt"))
        .select("doc", "stmt", "not_action", pl.col("action").alias("pattern"))
        .unique()
        .collect()
    )
    if deny.is_empty():
        return pl.DataFrame(schema=DENIED_SCHEMA)
    universe = flagged_actions(catalog)
    patterns = deny["pattern"].drop_nulls().unique().to_list()
    expansion = (
        catalog.expand(patterns)
        .select("pattern", pl.col("action").str.to_lowercase())
        .join(universe.select("action"), on="action", how="semi")
    )
    pattern = pl.col("pattern")
    marker = (
        pl.when(pattern == ALL_ACTIONS).then(pl.lit(EVERY_ACTION)).otherwise(pl.lit(UNKNOWN_MARK))
    )
    plain = deny.filter(~pl.col("not_action"))
    named = plain.join(expansion, on="pattern").select("doc", "action")
    markers = plain.filter(pattern.is_in([ALL_ACTIONS, UNKNOWN_MARK])).select(
        "doc", marker.alias("action")
    )
    # NotAction: every action of the universe but those the statement lists. Listing `*`
    # denies nothing; listing an unknown action leaves which ones undecided.
    inverted = deny.filter(pl.col("not_action"))
    spared = inverted.group_by("doc", "stmt").agg(
        (pattern == ALL_ACTIONS).any().alias("nothing"),
        (pattern == UNKNOWN_MARK).any().alias("unknown"),
    )
    listed = inverted.join(expansion, on="pattern").select("doc", "stmt", "action")
    rest = (
        spared.filter(~pl.col("nothing") & ~pl.col("unknown"))
        .join(universe.select("action"), how="cross")
        .join(listed, on=["doc", "stmt", "action"], how="anti")
        .select("doc", "action")
    )
    inverted_markers = pl.concat(
        [
            spared.filter(~pl.col("nothing")).select("doc", pl.lit(ALL_BUT_LISTED).alias("action")),
            spared.filter(~pl.col("nothing") & pl.col("unknown")).select(
                "doc", pl.lit(UNKNOWN_MARK).alias("action")
            ),
        ]
    )
    return (
        pl.concat(
            [
                frame.cast(DENIED_SCHEMA)  # type: ignore[arg-type]
                for frame in (named, markers, rest, inverted_markers)
            ]
        )
        .unique()
        .sort("doc", "action")
    )


def subtract_denies(
    flags: pl.DataFrame, denied: pl.DataFrame, catalog: ActionCatalog, key: str = "doc"
) -> pl.DataFrame:
    """`flags` (per `key`: a document, or a role / policy) without what `denied` (rows of `key`
    and action, as `denied_actions` makes them) takes away. Other columns are kept."""
    if denied.is_empty():
        return flags
    universe = flagged_actions(catalog)
    action = pl.col("action")
    every = (action == EVERY_ACTION).any()
    per_key = (
        denied.lazy()
        .group_by(key)
        .agg(
            every.alias("__every"),
            (every | (action == ALL_BUT_LISTED).any()).alias("__most"),
            (action == UNKNOWN_MARK).any().alias("__unknown"),
            (every | (action == PASS_ROLE).any()).alias("__passrole"),
            (every | (action == ASSUME_ROLE).any()).alias("__assume_role"),
            pl.lit(True).alias("__denied"),
            action.filter(action.is_in(ML_ESCALATION)).unique().alias("__escalation"),
            action.filter(action.is_in(MODEL_ACCESS)).unique().alias("__model_access"),
        )
    )
    # A service stays in the list while any of its broad actions that the grant's patterns
    # name is not denied: a Deny of `iam:PassRole` empties an `iam:Pass*` grant, not `iam:*`.
    patterns = (
        flags.lazy()
        .join(denied.lazy().select(pl.col(key).cast(flags.schema[key])).unique(), on=key)
        .select(key, pl.col("risky_patterns").alias("pattern"))
        .explode("pattern")
        .drop_nulls("pattern")
        .with_columns(
            pl.when(pl.col("pattern") == ALL_ACTIONS)
            .then(pl.lit([f"{service}:*" for service in RISKY_SERVICES]))
            .otherwise(pl.concat_list("pattern"))
            .alias("pattern")
        )
        .explode("pattern")
        .collect()
    )
    granted = (
        catalog.expand(patterns["pattern"].unique().to_list())
        .select("pattern", pl.col("action").str.to_lowercase())
        .join(universe, on="action")
    )
    services = (
        patterns.lazy()
        .join(granted.lazy(), on="pattern")
        .join(
            denied.lazy().with_columns(pl.col(key).cast(flags.schema[key])),
            on=[key, "action"],
            how="anti",
        )
        .group_by(key)
        .agg(pl.col("service").unique().alias("__kept_services"))
    )
    unknown = pl.col("__unknown")
    empty = pl.lit([], dtype=pl.List(pl.String()))

    def listed(name: str, kept: pl.Expr) -> pl.Expr:
        kept = kept.list.sort()
        return (
            pl.when(pl.col("__every"))
            .then(empty)
            .when(unknown & (kept.list.len() > 0))
            .then(None)
            .otherwise(kept)
            .alias(name)
        )

    return (
        flags.lazy()
        .join(
            per_key.with_columns(pl.col(key).cast(flags.schema[key])),
            on=key,
            how="left",
            maintain_order="left",
        )
        .join(
            services.with_columns(pl.col(key).cast(flags.schema[key])),
            on=key,
            how="left",
            maintain_order="left",
        )
        .with_columns(
            pl.col(
                "__every", "__most", "__unknown", "__passrole", "__assume_role", "__denied"
            ).fill_null(False),
            pl.col("__escalation", "__kept_services", "__model_access").fill_null(empty),
        )
        .with_columns(
            pl.when(pl.col("__most"))
            .then(False)
            .when(pl.col("grants_full_admin") & unknown)
            .then(None)
            .otherwise(pl.col("grants_full_admin"))
            .alias("grants_full_admin"),
            *(
                pl.when(pl.col("__passrole"))
                .then(False)
                .when(pl.col(name) & unknown)
                .then(None)
                .otherwise(pl.col(name))
                .alias(name)
                for name in _BOOL_FLAGS
            ),
            pl.when(pl.col("__assume_role"))
            .then(False)
            .when(pl.col("assume_role_on_any_resource") & unknown)
            .then(None)
            .otherwise(pl.col("assume_role_on_any_resource"))
            .alias("assume_role_on_any_resource"),
            *(
                listed(name, pl.col(name).list.set_difference("__escalation"))
                for name in ("sagemaker_escalation_actions", "ml_escalation_actions")
            ),
            *(
                listed(name, pl.col(name).list.set_difference("__model_access"))
                for name in MODEL_ACCESS_FLAGS
            ),
            listed(
                "risky_service_wildcards",
                pl.when(pl.col("__denied"))
                .then(pl.col("risky_service_wildcards").list.set_intersection("__kept_services"))
                .otherwise(pl.col("risky_service_wildcards")),
            ),
        )
        .select(flags.columns)
        .collect()
    )


def effective_flags(table: pl.DataFrame, catalog: ActionCatalog) -> pl.DataFrame:
    """Per document: what it grants once its own unconditional Denies are subtracted."""
    return subtract_denies(
        permission_flags(table, catalog), denied_actions(table, catalog), catalog
    )
