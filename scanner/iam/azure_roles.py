"""Azure custom role definitions: which of their actions let the holder take over the scope.

`*` is every action (Owner less what NotActions remove); an action that covers
`Microsoft.Authorization/roleAssignments/write` or `.../roleDefinitions/write` (written
directly, or through a wildcard: `Microsoft.Authorization/*/write`, `Microsoft.Authorization/*`,
`*/write`) lets the holder grant itself, or anyone, any role: User Access Administrator.
Actions match case-insensitively, `*` anywhere in them, as Azure RBAC does; a NotAction that
covers the authorization writes takes them away again, but never `*` over every other service.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from scanner.iam.computed import with_computed
from scanner.model.resource import Resource
from scanner.model.values import UNKNOWN_TEXT

ROLE_DEFINITION = "azure.authorization.role_definition"
GRANT_ACTIONS = (
    "microsoft.authorization/roleassignments/write",
    "microsoft.authorization/roledefinitions/write",
)


def _covers(pattern: str, action: str) -> bool:
    return fnmatchcase(action, pattern.lower().replace("[", "[[]"))


def privileged_actions(actions: object, not_actions: object) -> list[str] | None:
    """The actions as written that make the role privileged; None when an action known only
    at apply could be one (and none known is)."""
    if not isinstance(actions, list):
        return [] if actions is None else None
    removed = [str(n).lower() for n in not_actions] if isinstance(not_actions, list) else []
    found: list[str] = []
    for action in (str(a) for a in actions if a != UNKNOWN_TEXT):
        lowered = action.lower()
        if lowered == "*":
            found.append(action)
            continue
        granted = [g for g in GRANT_ACTIONS if _covers(lowered, g)]
        if any(not any(_covers(n, g) for n in removed) for g in granted):
            found.append(action)
    if not found and UNKNOWN_TEXT in actions:
        return None
    return sorted(set(found))


def _custom(definition: Resource) -> bool | None:
    """Built-in roles (read live, type BuiltInRole) and roles looked up by name are not
    custom definitions; a role written in code always is (ARM cannot create a built-in one)."""
    if definition.type == "data.azurerm_role_definition":
        return False
    role_type = definition.values.get("role_type")
    if isinstance(role_type, str):
        return role_type.lower() == "customrole"
    return None if "role_type" in definition.unknown else True


def analyse_role_definitions(resources: list[Resource]) -> list[Resource]:
    """The resources with `custom_role` and `privileged_actions` of role definitions; a
    built-in or looked-up role's `privileged_actions` stay unknown (the rule leaves it alone)."""
    if not any(r.kind == ROLE_DEFINITION for r in resources):
        return resources
    out = []
    for r in resources:
        if r.kind != ROLE_DEFINITION:
            out.append(r)
            continue
        custom = _custom(r)
        # A built-in role's actions are Microsoft's, not the estate's: not judged (None).
        actions = r.values.get("actions")
        found = privileged_actions(actions, r.values.get("not_actions")) if custom else None
        out.append(with_computed(r, {"custom_role": custom, "privileged_actions": found}))
    return out
