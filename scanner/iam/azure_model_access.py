"""Azure role assignments that hand the control of AI Services / Azure OpenAI accounts to many.

Computes two fields of `azure.authorization.role_assignment` beside those of azure_rbac.py:
- `broad_principal`: the principal is a group (`principal_type` Group, or the principal id
  refers to an `azuread_group`), not one identity. Azure RBAC has no "every user" principal:
  a group (the tenant-wide ones included) is the broadest it assigns to.
- `controls_model_accounts`: the role can change a Cognitive Services account, its model
  deployments and content filters (Owner, Contributor, Cognitive Services Contributor,
  Cognitive Services OpenAI Contributor), at a scope that holds one: the account itself, or a
  resource group, subscription, management group or tenant of a scan that has an account.
"""

from __future__ import annotations

import re

from scanner.iam.azure_rbac import ML_IDENTITY_KINDS, ROLE_ASSIGNMENT
from scanner.iam.computed import Estate, Key, with_computed
from scanner.model.resource import Resource

ACCOUNT = "azure.cognitiveservices.account"
# https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
_MODEL_ADMIN_BUILTIN = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68": "Cognitive Services Contributor",
    "a001fd3d-188f-4b5d-821b-7da978bf7442": "Cognitive Services OpenAI Contributor",
}
_MODEL_ADMIN_NAMES = frozenset(n.lower() for n in _MODEL_ADMIN_BUILTIN.values())
_GUID = re.compile(r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$", re.I)
_ACCOUNT_SCOPE = re.compile(r"/providers/microsoft\.cognitiveservices/accounts/[^/]+/?$", re.I)
_GROUP_TYPES = frozenset({"group", "foreigngroup"})
_GROUP_SOURCES = ("azuread_group.", "data.azuread_group.")
_ONE_IDENTITY_SOURCES = (
    "azuread_user.",
    "data.azuread_user.",
    "azuread_service_principal.",
    "data.azuread_service_principal.",
    "azurerm_user_assigned_identity.",
    "data.azurerm_client_config.",
)
_WIDE_LEVELS = frozenset({"tenant", "management_group", "subscription", "resource_group"})


def analyse_model_access(resources: list[Resource], estate: Estate) -> list[Resource]:
    """Role assignments with `broad_principal` and `controls_model_accounts` computed (run
    after azure_rbac.py, whose `role_name` and `scope_level` it reads)."""
    if not estate.has((ROLE_ASSIGNMENT,)):
        return resources
    scopes_with_accounts = {r.scope for r in resources if r.kind == ACCOUNT}
    identities = {(r.scope, r.id) for r in resources if r.kind in ML_IDENTITY_KINDS | {ACCOUNT}}
    out: list[Resource] = []
    for resource in resources:
        if resource.kind != ROLE_ASSIGNMENT:
            out.append(resource)
            continue
        values: dict[str, object] = {
            "broad_principal": _broad_principal(resource, estate, identities),
            "controls_model_accounts": _controls_accounts(
                resource, estate, resource.scope in scopes_with_accounts
            ),
        }
        out.append(with_computed(resource, values))
    return out


def _broad_principal(resource: Resource, estate: Estate, identities: set[Key]) -> bool | None:
    kind = resource.values.get("principal_type")
    if isinstance(kind, str):
        return kind.lower() in _GROUP_TYPES
    referred = estate.refers(resource, "principal_id")
    if any(t.startswith(_GROUP_SOURCES) for _, t in referred):
        return True
    if referred:
        # A user, a service principal, a managed identity (an ML or AI resource's, or a
        # user-assigned one): one identity. A reference to something else cannot be told.
        one = all(t.startswith(_ONE_IDENTITY_SOURCES) or (s, t) in identities for s, t in referred)
        return False if one else None
    return None  # a literal object id without principal_type: a user, a group, anyone


def _model_admin_role(resource: Resource) -> bool | None:
    name = resource.values.get("role_name") or resource.values.get("role_definition_name")
    if isinstance(name, str):
        return name.lower() in _MODEL_ADMIN_NAMES
    definition_id = resource.values.get("role_definition_id")
    guid = _GUID.search(definition_id) if isinstance(definition_id, str) else None
    if guid is not None:
        return guid.group(1).lower() in _MODEL_ADMIN_BUILTIN
    return None


def _controls_accounts(resource: Resource, estate: Estate, accounts_in_scan: bool) -> bool | None:
    role = _model_admin_role(resource)
    if role is False:
        return False
    scope = resource.values.get("scope")
    on_account = (isinstance(scope, str) and _ACCOUNT_SCOPE.search(scope) is not None) or any(
        estate.kind_of(t) == ACCOUNT for t in estate.refers(resource, "scope")
    )
    level = resource.values.get("scope_level")
    if on_account:
        return role
    if not accounts_in_scan:
        return False  # a scope that names no account, in a scan that has none
    if level is None:
        return None  # a scope known only at apply (the role is not ruled out above)
    return role if level in _WIDE_LEVELS else False
