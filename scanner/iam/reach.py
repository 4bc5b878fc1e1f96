"""The reach of each identity: what it can read, write or manage among the estate's data
stores, image repositories, model registries, keys and endpoints.

Reach edges join the engine's relations table (source row, field, target row) with the fields
`can_read`, `can_write` and `can_manage`; each edge carries *why* (`via`: the action or role
and where it was granted), which path rules show in each hop's evidence.
- AWS (reach_aws.py): roles, users (with their groups' documents) and groups, from their
  identity policies and the targets' own resource policies.
- Azure (reach_azure.py): the identity a role assignment's principal is, from the role and
  its scope (subscription > resource group > resource).
- Google (reach_gcp.py): service accounts, from grants on the project or on one resource.
"""

from __future__ import annotations

import polars as pl

from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate
from scanner.iam.holders import Collector
from scanner.iam.managed import ManagedPolicy, load_managed_policies
from scanner.iam.reach_arns import AWS_TARGETS
from scanner.iam.reach_aws import GRANTS_SCHEMA, IDENTITIES, identity_reach
from scanner.iam.reach_azure import azure_reach
from scanner.iam.reach_gcp import gcp_reach
from scanner.iam.reach_resource_policies import resource_policy_reach

REACH_SCHEMA = {
    "source": pl.UInt32(),
    "field": pl.String(),
    "target": pl.UInt32(),
    "via": pl.String(),
}
REACH_FIELDS = ("can_read", "can_write", "can_manage")

# A Polars DataFrame of REACH_SCHEMA: one row per (identity, field, target), rows being indices
# of the normalized resources.
ReachEdges = pl.DataFrame


def no_reach() -> ReachEdges:
    return pl.DataFrame(schema=REACH_SCHEMA)


def compute_reach(
    estate: Estate,
    catalog: ActionCatalog | None = None,
    managed: dict[str, ManagedPolicy] | None = None,
    collector: Collector | None = None,
) -> ReachEdges:
    """Every reach edge of the estate; the first reason (by policy and statement) per edge.

    `collector`: the IAM holders' documents, collected on `estate` (shared with the IAM
    analysis, which reads the same documents)."""
    resources = estate.resources
    parts = [azure_reach(estate), gcp_reach(estate)]
    if estate.has(IDENTITIES) and estate.has(AWS_TARGETS):
        catalog = catalog or ActionCatalog.load()
        managed = managed if managed is not None else load_managed_policies()
        parts.append(identity_reach(resources, estate, catalog, managed, collector))
        parts.append(resource_policy_reach(estate, catalog))
    found = [p.select(list(GRANTS_SCHEMA)) for p in parts if not p.is_empty()]
    if not found:
        return no_reach()
    if len(found) == 1:  # one part: its edges are unique and in order already
        grants = found[0]
    else:  # an edge granted by more than one part: its lowest reason
        grants = (
            pl.concat(found)
            .sort("order")
            .unique(["source", "field", "target"], keep="first")
            # A stable order (unique is not): by rows, the field's place in REACH_FIELDS.
            .sort("source", "target", pl.col("field").cast(pl.Enum(REACH_FIELDS)))
        )
    return (
        grants.select(list(REACH_SCHEMA)).cast(REACH_SCHEMA)  # type: ignore[arg-type]
    )
