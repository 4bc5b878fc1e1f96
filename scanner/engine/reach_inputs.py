"""The kinds the reach of an identity is computed from, per cloud.

A path that walks `can_read`, `can_write` or `can_manage` judges nothing unless the identities,
their policies and their grants were read: an audit collects only the kinds its rules need
(audit.live_types), so a rule that walks reach needs these kinds as much as its hop kinds.
tests/engine/test_reach_inputs.py keeps this list in step with what scanner/iam/reach*.py read.
"""

from __future__ import annotations

REACH_INPUTS: dict[str, frozenset[str]] = {
    # Roles, users and groups with their inline, attached and group documents.
    "aws": frozenset(
        {
            "aws.iam.role",
            "aws.iam.user",
            "aws.iam.group",
            "aws.iam.policy",
            "aws.iam.policy_attachment",
            "aws.iam.group_membership",
            "aws.iam.policy_document",
        }
    ),
    # Role assignments by scope, the roles they name, the identities they are assigned to.
    "azure": frozenset(
        {
            "azure.authorization.role_assignment",
            "azure.authorization.role_definition",
            "azure.identity.user_assigned_identity",
        }
    ),
    # Grants on the project (and above, and on one resource) to service accounts.
    "gcp": frozenset({"gcp.iam.role_grant", "gcp.iam.service_account"}),
}


def reach_inputs(target_kind: str) -> frozenset[str]:
    """The kinds the reach onto `target_kind` (a kind of one cloud) is computed from."""
    return REACH_INPUTS.get(target_kind.split(".", 1)[0], frozenset())
