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


def analyse_role_definitions(resources: list[Resource]) -> list[Resource]:
    """The resources with `privileged_actions` of role definitions filled in."""
    if not any(r.kind == ROLE_DEFINITION for r in resources):
        return resources
    return [
        with_computed(
            r,
            {
                "privileged_actions": privileged_actions(
                    r.values.get("actions"), r.values.get("not_actions")
                )
            },
        )
        if r.kind == ROLE_DEFINITION and r.type != "data.azurerm_role_definition"
        else r
        for r in resources
    ]
