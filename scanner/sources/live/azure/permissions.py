"""The Azure RBAC actions the auditor itself needs: exactly the reads the collectors make.

Every one is a `*/read` action, so the built-in Reader role suffices; a custom role holding
only these is the least privilege (docs/live-audit-azure.md).
"""

from __future__ import annotations

from scanner.sources.live.azure.specs import (
    BY_ID_TYPES,
    CHILD_COLLECTIONS,
    MANAGEMENT_GROUP_TYPE,
    NAMED_READS,
    SUBSCRIPTION_COLLECTIONS,
    SUBSCRIPTION_TYPE,
)

# Only with --management-group: the subscriptions under it.
MANAGEMENT_GROUP_ACTION = f"{MANAGEMENT_GROUP_TYPE}/descendants/read"


def auditor_actions() -> list[str]:
    """Every action an audit calls, sorted."""
    types = {
        SUBSCRIPTION_TYPE,
        *(c.native_type for c in SUBSCRIPTION_COLLECTIONS),
        *(c.native_type for children in CHILD_COLLECTIONS.values() for c in children),
        *BY_ID_TYPES,
        *(read.native_type for read in NAMED_READS),
    }
    return sorted({f"{t}/read" for t in types} | {MANAGEMENT_GROUP_ACTION})
