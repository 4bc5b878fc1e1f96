"""Reach edges from role grants: Azure role assignments and Google IAM grants alike.

Both clouds give access by a role at a scope; what a role gives on each target kind is a data
table (role, kind, field) of each cloud's module, and which targets a scope covers is a filter
of each cloud's own (`within`). The join and the ordering of reasons are the same.
"""

from __future__ import annotations

import polars as pl

from scanner.iam.reach_aws import GRANTS_SCHEMA, first_reasons

# After every identity-policy reason (AWS orders those by policy and statement): a role grant's
# reason is ordered by its text only.
_AFTER_POLICIES = 1 << 63


def role_edges(
    grants: pl.DataFrame, targets: pl.DataFrame, within: pl.Expr, roles: pl.DataFrame
) -> pl.DataFrame:
    """Edges (GRANTS_SCHEMA) of `grants` (source, role, scope, via, ...) onto the `targets`
    (target, kind, scope, ...) of the same scope that `within` keeps, by what `roles` (role,
    kind, field) gives; the first reason per edge."""
    order = pl.lit(_AFTER_POLICIES, dtype=pl.UInt64) + pl.col("via").rank("dense").cast(pl.UInt64)
    return first_reasons(
        grants.lazy()
        .join(targets.lazy(), on="scope")
        .filter(within)
        .join(roles.lazy(), on=["role", "kind"])
        .select("source", "target", "field", order.alias("order"), "via")
        .unique()
        .collect()
        .cast(GRANTS_SCHEMA)  # type: ignore[arg-type]
    )
