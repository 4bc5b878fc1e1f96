"""Azure reach: what the identity behind each role assignment can read, write or manage.

The identity is the resource the assignment's principal is (an ML workspace or compute with a
system-assigned identity, a user-assigned identity), as azure_rbac.py reads it. The role is
read from its name or its built-in GUID (the roles that matter to data and images are listed
below; others reach nothing here). The scope decides which targets: a subscription (or
above) every target of the subscription, a resource group the targets in that group, a
resource that resource. Where a target is comes from its ARM id (live), its
`resource_group_name` (Terraform) or, in an ARM template, the deployment's own group.
"""

from __future__ import annotations

import re

import polars as pl

from scanner.iam.azure_rbac import ML_IDENTITY_KINDS, ROLE_ASSIGNMENT, USER_ASSIGNED_IDENTITY
from scanner.iam.computed import Estate
from scanner.iam.reach_aws import GRANTS_SCHEMA
from scanner.iam.reach_roles import role_edges
from scanner.model.resource import Resource

R, W, M = "can_read", "can_write", "can_manage"
STORAGE = "azure.storage.account"
REGISTRY = "azure.containerregistry.registry"
ML_REGISTRY = "azure.ml.registry"
AI_ACCOUNT = "azure.cognitiveservices.account"
TARGET_KINDS = (STORAGE, REGISTRY, ML_REGISTRY, AI_ACCOUNT)
_ALL: dict[str, tuple[str, ...]] = {kind: (R, W) for kind in TARGET_KINDS}

# Built-in roles by GUID (the same in every tenant): the name, and what each grants per target
# kind. Owner and Contributor can read the account keys (listKeys): data read and write;
# Owner and the access administrators can change who has access: manage.
# https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
ROLES: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": ("Owner", {k: (R, W, M) for k in TARGET_KINDS}),
    "b24988ac-6180-42a0-ab88-20f7382dd24c": ("Contributor", _ALL),
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": (
        "User Access Administrator",
        {k: (M,) for k in TARGET_KINDS},
    ),
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": (
        "Role Based Access Control Administrator",
        {k: (M,) for k in TARGET_KINDS},
    ),
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": ("Storage Blob Data Reader", {STORAGE: (R,)}),
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": ("Storage Blob Data Contributor", {STORAGE: (R, W)}),
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": ("Storage Blob Data Owner", {STORAGE: (R, W, M)}),
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": ("Storage Account Contributor", {STORAGE: (R, W)}),
    "81a9662b-bebf-436f-a333-f67b29880f12": (
        "Storage Account Key Operator Service Role",
        {STORAGE: (R, W)},
    ),
    "c12c1c16-33a1-487b-954d-41c89c60f349": ("Reader and Data Access", {STORAGE: (R, W)}),
    "7f951dda-4ed3-4680-a7ca-43fe172d538d": ("AcrPull", {REGISTRY: (R,)}),
    "8311e382-0749-4cb8-b61a-304f252e45ec": ("AcrPush", {REGISTRY: (R, W)}),
    "c2f4ef07-c644-48eb-af81-4b1b4947fb11": ("AcrDelete", {REGISTRY: (W,)}),
    "1823dd4f-9b8c-4ab6-ab4e-7397a3684615": ("AzureML Registry User", {ML_REGISTRY: (R, W)}),
    "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd": ("Cognitive Services OpenAI User", {AI_ACCOUNT: (R,)}),
    "a001fd3d-188f-4b5d-821b-7da978bf7442": (
        "Cognitive Services OpenAI Contributor",
        {AI_ACCOUNT: (R, W)},
    ),
    "a97b65f3-24c7-4388-baec-2e87135dc908": ("Cognitive Services User", {AI_ACCOUNT: (R,)}),
}
_BY_NAME = {name.lower(): grants for name, grants in ROLES.values()}
_NAME_OF = {guid: name for guid, (name, _) in ROLES.items()}
_GUID = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$", re.I)
_ID = re.compile(r"^/subscriptions/([^/]+)(?:/resourcegroups/([^/]+))?(/providers/.+)?$", re.I)
# An ARM template's own deployment scope, as azure_rbac reads `resourceGroup().id`.
_DEPLOYMENT = "{"
_HERE = "<deployment>"  # the resource group of an ARM template's deployment

ROLES_TABLE_SCHEMA = {"role": pl.String(), "kind": pl.String(), "field": pl.String()}


def roles_table() -> pl.DataFrame:
    """(lowercased role name, target kind, reach field): the data table of the roles."""
    rows = [
        (name.lower(), kind, field)
        for name, grants in ROLES.values()
        for kind, fields in grants.items()
        for field in fields
    ]
    return pl.DataFrame(rows, schema=ROLES_TABLE_SCHEMA, orient="row")


def _role_name(assignment: Resource) -> str | None:
    name = assignment.values.get("role_definition_name")
    if isinstance(name, str):
        return name
    definition = assignment.values.get("role_definition_id")
    guid = _GUID.search(definition) if isinstance(definition, str) else None
    return _NAME_OF.get(guid.group(1).lower()) if guid else None


def _place_of_id(text: str) -> tuple[str | None, str | None, str | None]:
    """(subscription, resource group, provider path) of an ARM id; a `{...}` placeholder of a
    template (its deployment's subscription or group) reads as unknown / the deployment."""
    found = _ID.match(text.strip())
    if found is None:
        return None, None, None
    sub, group, rest = found.groups()
    sub = None if sub.startswith(_DEPLOYMENT) else sub.lower()
    if group is not None and group.startswith(_DEPLOYMENT):
        group = _HERE
    return sub, group.lower() if group else None, rest


def _scope(
    estate: Estate, assignment: Resource, by_id: dict[str, int]
) -> tuple[str, str | None, str | None, int | None]:
    """(level, subscription, resource group, target row) of the assignment's scope; level
    `none` when it cannot be read."""
    for key in estate.refers(assignment, "scope"):
        row = estate.by_key.get(key)
        if row is None:
            continue
        scoped = estate.resources[row]
        if scoped.kind == "azure.resources.resource_group":
            return "resource_group", None, scoped.name.lower(), None
        if scoped.kind == "azure.resources.subscription":
            return "subscription", None, None, None
        return "resource", None, None, row
    text = assignment.values.get("scope")
    if not isinstance(text, str):
        # An ARM assignment without `scope` applies to the deployment's group.
        level = "resource_group" if assignment.location.source == "arm" else "none"
        return level, None, _HERE, None
    sub, group, rest = _place_of_id(text)
    if rest:
        target = estate.by_key.get((assignment.scope, text.strip()))
        return "resource", sub, group, by_id.get(text.strip().lower(), target)
    if group:
        return "resource_group", sub, group, None
    if sub or text.strip().startswith("/subscriptions/"):
        return "subscription", sub, None, None
    return (
        ("tenant" if text.strip() == "/" or "managementGroups" in text else "none"),
        None,
        None,
        None,
    )


def _target_place(resource: Resource) -> tuple[str | None, str | None]:
    """(subscription, resource group) of a target."""
    if resource.id.lower().startswith("/subscriptions/"):
        sub, group, _ = _place_of_id(resource.id)
        return sub, group
    named = resource.values.get("resource_group")
    if isinstance(named, str):
        return None, named.lower()
    return None, (_HERE if resource.location.source == "arm" else None)


_ASSIGNMENTS_SCHEMA = {
    "source": pl.UInt32(),
    "role": pl.String(),
    "level": pl.String(),
    "sub": pl.String(),
    "group": pl.String(),
    "at": pl.UInt32(),
    "scope": pl.String(),
    "via": pl.String(),
}
_TARGETS_SCHEMA = {
    "target": pl.UInt32(),
    "kind": pl.String(),
    "scope": pl.String(),
    "t_sub": pl.String(),
    "t_group": pl.String(),
}


def _assignments(estate: Estate) -> pl.DataFrame:
    rows: list[tuple[object, ...]] = []
    # Targets by their ARM id (live): what a resource-level scope names.
    by_id = {r.id.lower(): row for row, r in enumerate(estate.resources) if r.kind in TARGET_KINDS}
    for assignment in (r for r in estate.resources if r.kind == ROLE_ASSIGNMENT):
        role = _role_name(assignment)
        if role is None or role.lower() not in _BY_NAME:
            continue
        sources = [
            row
            for key in estate.refers(assignment, "principal_id")
            if (row := estate.by_key.get(key)) is not None
            and estate.resources[row].kind in (*ML_IDENTITY_KINDS, USER_ASSIGNED_IDENTITY)
        ]
        if not sources:
            continue
        level, sub, group, at = _scope(estate, assignment, by_id)
        if level == "none":
            continue
        where = {
            "resource": f"resource {estate.resources[at].name}" if at is not None else "a resource",
            "resource_group": "the deployment's resource group"
            if group == _HERE
            else f"resource group {group}",
            "subscription": "the subscription",
            "tenant": "the tenant",
        }.get(level, level)
        via = f"{role} on {where}"
        rows.extend(
            (s, role.lower(), level, sub, group, at, assignment.scope, via) for s in sources
        )
    return pl.DataFrame(rows, schema=_ASSIGNMENTS_SCHEMA, orient="row")


def azure_reach(estate: Estate) -> pl.DataFrame:
    """Reach edges (GRANTS_SCHEMA) of Azure role assignments, joined to targets by scope."""
    if not estate.has((ROLE_ASSIGNMENT,)):
        return pl.DataFrame(schema=GRANTS_SCHEMA)
    assignments = _assignments(estate)
    targets = pl.DataFrame(
        [
            (row, r.kind, r.scope, *_target_place(r))
            for row, r in enumerate(estate.resources)
            if r.kind in TARGET_KINDS
        ],
        schema=_TARGETS_SCHEMA,
        orient="row",
    )
    level = pl.col("level")
    same_sub = (
        pl.col("sub").is_null() | pl.col("t_sub").is_null() | (pl.col("sub") == pl.col("t_sub"))
    )
    within = (
        ((level == "resource") & (pl.col("at") == pl.col("target")))
        | ((level == "resource_group") & same_sub & (pl.col("group") == pl.col("t_group")))
        | ((level == "subscription") & same_sub)
        | (level == "tenant")
    )
    return role_edges(assignments, targets, within, roles_table())
