"""Azure role assignments: which role, at what scope, to whose identity.

Computes the fields of `azure.authorization.role_assignment` that the rules judge. The role
comes from its name, from the GUID at the end of its definition id (built-in roles have the
same GUID in every tenant) or from a role definition of the scan; the scope level from the
scope id's segments or from the resource group / subscription / management group it refers
to; the identity from the relation of `principal_id` to an Azure ML resource (its
system-assigned identity) or to a user-assigned identity an ML resource lists.
"""

from __future__ import annotations

import re
from collections import defaultdict

from scanner.iam.azure_roles import privileged_actions
from scanner.iam.computed import Estate, Key, with_computed
from scanner.model.resource import Resource

ROLE_ASSIGNMENT = "azure.authorization.role_assignment"
ROLE_DEFINITION = "azure.authorization.role_definition"
USER_ASSIGNED_IDENTITY = "azure.identity.user_assigned_identity"
ML_IDENTITY_KINDS = frozenset(
    {
        "azure.ml.workspace",
        "azure.ml.compute_instance",
        "azure.ml.compute_cluster",
        "azure.ml.inference_cluster",
    }
)

# Built-in roles that can take over their scope: change anything in it, or grant access to it.
# https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
_PRIVILEGED_BUILTIN = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}
_PRIVILEGED_NAMES = frozenset(name.lower() for name in _PRIVILEGED_BUILTIN.values())
_GUID = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$", re.I)
_PIECE = re.compile(r"\$\{[^}]*\}")

# How narrow each level is; the kinds a scope may refer to, by their level.
_LEVELS = ("tenant", "management_group", "subscription", "resource_group", "resource")
_LEVEL_OF_KIND = {
    "azure.resources.management_group": "management_group",
    "azure.resources.subscription": "subscription",
    "azure.resources.resource_group": "resource_group",
}
_BROAD = frozenset(_LEVELS[:4])


def analyse_role_assignments(resources: list[Resource], estate: Estate) -> list[Resource]:
    """The resources with the computed fields of role assignments filled in (others as given)."""
    if not estate.has((ROLE_ASSIGNMENT,)):
        return resources
    identity_users = _identity_users(resources, estate)
    out: list[Resource] = []
    for resource in resources:
        if resource.kind != ROLE_ASSIGNMENT:
            out.append(resource)
            continue
        role_name, privileged = _role(resource, estate)
        level = scope_level(resource, estate)
        users = sorted(
            {
                u
                for target in estate.refers(resource, "principal_id")
                for u in identity_users[target]
            }
        )
        out.append(
            with_computed(
                resource,
                {
                    "role_name": role_name,
                    "privileged_role": privileged,
                    "scope_level": level,
                    "broad_scope": None if level is None else level in _BROAD,
                    "grants_ml_identity": _grants_ml(resource, estate, users),
                    "used_by": users,
                },
            )
        )
    return out


def _identity_users(resources: list[Resource], estate: Estate) -> dict[Key, set[str]]:
    """For each resource a principal may be: the ML resources acting as it."""
    users: dict[Key, set[str]] = defaultdict(set)
    for ml in (r for r in resources if r.kind in ML_IDENTITY_KINDS):
        users[(ml.scope, ml.id)].add(ml.id)  # its system-assigned identity
        for identity in estate.refers(ml, "user_assigned_identities"):
            users[identity].add(ml.id)
    return users


def _grants_ml(resource: Resource, estate: Estate, users: list[str]) -> bool | None:
    if users:
        return True
    known = resource.values.get("principal_id") is not None
    # A literal object id, or a reference to something that is no ML identity: not one of
    # ours. A principal known only at apply with nothing to follow: undecided.
    return False if known or estate.refers(resource, "principal_id") else None


def _role(resource: Resource, estate: Estate) -> tuple[str | None, bool | None]:
    """The role's name and whether it is privileged (None: not known before apply)."""
    name = resource.values.get("role_definition_name")
    if isinstance(name, str):
        return name, name.lower() in _PRIVILEGED_NAMES
    definition_id = resource.values.get("role_definition_id")
    guid = _GUID.search(definition_id) if isinstance(definition_id, str) else None
    if guid is not None:
        key = guid.group(1).lower()
        if key in _PRIVILEGED_BUILTIN:
            return _PRIVILEGED_BUILTIN[key], True
    for target in estate.refers(resource, "role_definition_id"):
        definition = estate.resource_at(target)
        if definition is not None and definition.kind == ROLE_DEFINITION:
            return _defined_role(definition)
    if guid is not None:
        return None, False  # a built-in role that is none of the privileged ones
    return None, None


def _defined_role(definition: Resource) -> tuple[str | None, bool | None]:
    name = definition.values.get("role_name")
    actions = definition.values.get("actions")
    if isinstance(actions, list) and privileged_actions(
        actions, definition.values.get("not_actions")
    ):
        return (name if isinstance(name, str) else None), True
    if isinstance(name, str):
        if name.lower() in _PRIVILEGED_NAMES:
            return name, True
        if isinstance(actions, list) or definition.type == "data.azurerm_role_definition":
            return name, False
    return (name if isinstance(name, str) else None), None


def scope_level(resource: Resource, estate: Estate) -> str | None:
    """tenant, management_group, subscription, resource_group or resource; None: unknown."""
    referred = _referred_level(estate.refers(resource, "scope"), estate)
    text = resource.values.get("scope")
    if not isinstance(text, str):
        return referred  # a whole reference (or nothing known)
    if text.startswith("${"):
        # `${azurerm_resource_group.rg}/providers/...`: the reference stands for an id of its
        # level, and the rest of the text adds segments to it.
        prefix = _ID_OF_LEVEL.get(referred or "")
        if prefix is None:
            return None
        text = prefix + text[text.index("}") + 1 :]
    # An ARM scope may name a resource of the template (`ws`) rather than give its id.
    return _level_of_id(_PIECE.sub("x", text)) or referred


_ID_OF_LEVEL = {
    "tenant": "/",
    "management_group": "/providers/Microsoft.Management/managementGroups/x",
    "subscription": "/subscriptions/x",
    "resource_group": "/subscriptions/x/resourceGroups/x",
}


def _referred_level(targets: list[Key], estate: Estate) -> str | None:
    if not targets:
        return None
    levels = [_LEVEL_OF_KIND.get(estate.kind_of(t) or "", "resource") for t in targets]
    return max(levels, key=_LEVELS.index)  # the narrowest of what it names


def _level_of_id(scope_id: str) -> str | None:
    segments = [s for s in scope_id.strip().split("/") if s]
    lowered = [s.lower() for s in segments]
    if not segments:
        return "tenant" if scope_id.strip() == "/" else None
    if lowered[:3] == ["providers", "microsoft.management", "managementgroups"]:
        return "management_group" if len(segments) == 4 else "resource"
    if lowered[0] != "subscriptions" or len(segments) < 2:
        return None  # not an Azure id (or its start is unknown)
    if len(segments) == 2:
        return "subscription"
    if lowered[2] == "resourcegroups" and len(segments) == 4:
        return "resource_group"
    return "resource"
