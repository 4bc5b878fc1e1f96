"""Trust policies (who may assume a role): a principals table and what it opens the role to."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from scanner.iam.documents import UNKNOWN_MARK, Statement

PRINCIPALS_SCHEMA = {
    "doc": pl.UInt32(),
    "stmt": pl.UInt32(),
    "effect": pl.String(),
    "not_principal": pl.Boolean(),
    "has_condition": pl.Boolean(),
    "principal_type": pl.String(),
    "principal": pl.String(),
    "own_account": pl.String(),
}

TRUST_FLAGS_SCHEMA = {
    "doc": pl.UInt32(),
    "trust_open": pl.Boolean(),
    "trusted_services": pl.List(pl.String()),
    "trusted_accounts": pl.List(pl.String()),
}

# An account principal: the bare id, or any ARN in that account (root, role, user).
_ACCOUNT = r"^(?:(\d{12})|arn:[^:]*:(?:iam|sts)::(\d{12}):.*)$"


def principals_table(
    documents: Mapping[int, list[Statement]], own_accounts: Mapping[int, str | None]
) -> pl.DataFrame:
    """One row per (document, statement, principal). `own_account` is the account the role
    lives in when the source knows it (a live audit); code leaves it null."""
    cols: dict[str, list[object]] = {name: [] for name in PRINCIPALS_SCHEMA}
    for doc, statements in documents.items():
        for index, s in enumerate(statements):
            for kind, value in s.principals or (("", ""),):
                cols["doc"].append(doc)
                cols["stmt"].append(index)
                cols["effect"].append(s.effect)
                cols["not_principal"].append(s.not_principal)
                cols["has_condition"].append(bool(s.condition_keys))
                cols["principal_type"].append(kind)
                cols["principal"].append(value)
                cols["own_account"].append(own_accounts.get(doc))
    return pl.DataFrame(cols, schema=PRINCIPALS_SCHEMA)


def trust_flags(table: pl.DataFrame) -> pl.DataFrame:
    """Per document: open to anyone (or to another account) without a condition; trusted
    services and accounts. A principal known only after apply counts as the role's own account.
    """
    if table.is_empty():
        return pl.DataFrame(schema=TRUST_FLAGS_SCHEMA)
    account = pl.coalesce(
        pl.col("principal").str.extract(_ACCOUNT, 1), pl.col("principal").str.extract(_ACCOUNT, 2)
    )
    allow = pl.col("effect").str.to_lowercase() == "allow"
    everyone = (pl.col("principal") == "*") | pl.col("not_principal")
    aws = pl.col("principal_type").str.to_lowercase().is_in(["aws", "*"])
    other_account = (
        aws
        & account.is_not_null()
        & (pl.col("own_account").is_null() | (account != pl.col("own_account")))
        & ~pl.col("principal").str.contains(UNKNOWN_MARK, literal=True)
    )
    service = pl.col("principal_type").str.to_lowercase() == "service"
    return (
        table.lazy()
        .filter(allow)
        .with_columns(account.alias("account"))
        .group_by("doc")
        .agg(
            ((everyone | other_account) & ~pl.col("has_condition")).any().alias("trust_open"),
            pl.col("principal").filter(service).unique().sort().alias("trusted_services"),
            pl.col("account").filter(aws).drop_nulls().unique().sort().alias("trusted_accounts"),
        )
        .collect()
        .join(table.select("doc").unique(), on="doc", how="right")
        .with_columns(
            pl.col("trust_open").fill_null(False),
            pl.col("trusted_services").fill_null([]),
            pl.col("trusted_accounts").fill_null([]),
        )
        .select(list(TRUST_FLAGS_SCHEMA))
        .cast(TRUST_FLAGS_SCHEMA)  # type: ignore[arg-type]
    )


PUBLIC_FLAGS_SCHEMA = {"doc": pl.UInt32(), "public": pl.Boolean()}


def public_flags(table: pl.DataFrame) -> pl.DataFrame:
    """Per resource-policy document: an Allow without a condition to every AWS principal
    (`"*"`, `{"AWS": "*"}` or a NotPrincipal). Another account is not public: naming it is how
    a resource is shared on purpose. A principal known only at apply makes it undecided (null)
    unless another statement decides."""
    if table.is_empty():
        return pl.DataFrame(schema=PUBLIC_FLAGS_SCHEMA)
    open_allow = (pl.col("effect").str.to_lowercase() == "allow") & ~pl.col("has_condition")
    aws = pl.col("principal_type").str.to_lowercase().is_in(["aws", "*"])
    everyone = (aws & (pl.col("principal") == "*")) | pl.col("not_principal")
    unknown = aws & pl.col("principal").str.contains(UNKNOWN_MARK, literal=True)
    return (
        table.lazy()
        .group_by("doc")
        .agg(
            (open_allow & everyone).any().alias("known"),
            (open_allow & unknown).any().alias("maybe"),
        )
        .select(
            "doc",
            pl.when(pl.col("known"))
            .then(True)
            .when(pl.col("maybe"))
            .then(None)
            .otherwise(False)
            .alias("public"),
        )
        .collect()
        .cast(PUBLIC_FLAGS_SCHEMA)  # type: ignore[arg-type]
    )
