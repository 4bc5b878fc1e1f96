"""Google Cloud IAM grants: which role, on what, to which Vertex AI / Workbench identity.

Computes the fields of `gcp.iam.role_grant` and `gcp.iam.service_account` that the rules
judge. A member is tied to the Workbench instances and managed notebooks runtimes that run as
it: by a reference to the same `google_service_account`, by the same literal email, or, for
the Compute Engine default service account, by the instances that name no service account
(the VM then runs as that account).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from scanner.iam.computed import Estate, Key, with_computed
from scanner.model.resource import Resource
from scanner.model.values import UNKNOWN_TEXT

ROLE_GRANT = "gcp.iam.role_grant"
SERVICE_ACCOUNT = "gcp.iam.service_account"
INSTANCE = "gcp.workbench.instance"
RUNTIME = "gcp.workbench.runtime"
# Basic roles span every service of the project (Editor can change almost any resource).
BASIC_ROLES = frozenset({"roles/owner", "roles/editor"})
_DEFAULT_COMPUTE = re.compile(r"^\d+-compute@developer\.gserviceaccount\.com$", re.I)
_DEFAULT_TYPE = "data.google_compute_default_service_account"
_LEVEL_BY_TYPE = {
    "project": "project",
    "folder": "folder",
    "organization": "organization",
    "bucket": "bucket",
    "service_account": "service_account",
    "endpoint": "endpoint",
    "artifact_registry_repository": "repository",
}
# Members that stand for many principals: everyone, every Google account, a whole domain, a
# group, a whole identity pool, the project's convenience values.
_BROAD_MEMBER = re.compile(
    r"^(allusers|allauthenticatedusers|(domain|group|projectviewer|projecteditor|projectowner):"
    r"|principalset:)",
    re.I,
)
# Predefined roles that administer a service (roles/storage.admin, roles/iam.securityAdmin,
# roles/resourcemanager.projectIamAdmin, ...): with Owner and Editor, the takeover roles.
_ADMIN_ROLE = re.compile(r"^roles/(owner|editor|[a-z0-9]+\.[A-Za-z0-9]*admin)$", re.I)
_SERVICE_ACCOUNT_MEMBER = "serviceaccount:"


def grant_level(native_type: str) -> str | None:
    """google_project_iam_member (Terraform) and cloudresourcemanager:ProjectIamMember (live)
    are project-level grants; folder, organization, bucket (google_storage_bucket_iam_*),
    service account, Vertex AI endpoint and Artifact Registry repository alike."""
    lowered = native_type.lower()
    return next(
        (v for k, v in _LEVEL_BY_TYPE.items() if f"_{k}_iam_" in lowered or f":{k}iam" in lowered),
        None,
    )


@dataclass(slots=True)
class _MlAccounts:
    """Who runs as what: by service account resource, by email, and on the default account."""

    by_account: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_email: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    on_default: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # by scope


def analyse_role_grants(resources: list[Resource], estate: Estate) -> list[Resource]:
    """The resources with the computed fields of grants and service accounts filled in."""
    if not estate.has((ROLE_GRANT, SERVICE_ACCOUNT, INSTANCE)):
        return resources
    accounts = _ml_accounts(resources, estate)
    out: list[Resource] = []
    for resource in resources:
        if resource.kind == SERVICE_ACCOUNT:
            computed: dict[str, object] = {
                "compute_default": _is_default(resource),
                "member": _member(resource),
            }
            out.append(with_computed(resource, computed))
        elif resource.kind == ROLE_GRANT:
            out.append(with_computed(resource, _grant_values(resource, estate, accounts)))
        elif resource.kind == INSTANCE:
            default = _runs_as_default(resource, estate)
            out.append(with_computed(resource, {"default_service_account": default}))
        else:
            out.append(resource)
    return out


def _member(account: Resource) -> str | None:
    email = account.values.get("email")
    known = isinstance(email, str) and email != UNKNOWN_TEXT
    return f"serviceAccount:{email}" if known else None


def _is_default(account: Resource) -> bool:
    email = account.values.get("email")
    return account.type == _DEFAULT_TYPE or (
        isinstance(email, str) and _DEFAULT_COMPUTE.match(email) is not None
    )


def _runs_as_default(instance: Resource, estate: Estate) -> bool | None:
    accounts = [estate.resource_at(t) for t in estate.refers(instance, "service_account")]
    named = [a for a in accounts if a is not None and a.kind == SERVICE_ACCOUNT]
    if named:
        return any(_is_default(a) for a in named)
    email = instance.values.get("service_account")
    if isinstance(email, str):
        return _DEFAULT_COMPUTE.match(email) is not None
    return None if "service_account" in instance.unknown else True  # none named: the default


def _ml_accounts(resources: list[Resource], estate: Estate) -> _MlAccounts:
    accounts = _MlAccounts()
    for ml in resources:
        if ml.kind == INSTANCE:
            via = "service_account"
        elif ml.kind == RUNTIME and ml.values.get("access_type") == "SERVICE_ACCOUNT":
            via = "runtime_owner"
        else:
            continue
        targets = estate.refers(ml, via)
        email = ml.values.get(via)
        for target in targets:
            accounts.by_account[target].add(ml.id)
        if isinstance(email, str):
            accounts.by_email[email.lower()].add(ml.id)
        elif not targets and via not in ml.unknown and ml.kind == INSTANCE:
            accounts.on_default[ml.scope].add(ml.id)  # no account named: the default one
    return accounts


def _grant_values(grant: Resource, estate: Estate, accounts: _MlAccounts) -> dict[str, object]:
    users: set[str] = set()
    referred = estate.refers(grant, "members")
    for target in referred:
        users |= accounts.by_account.get(target, set())
        account = estate.resource_at(target)
        if account is not None and account.kind == SERVICE_ACCOUNT and _is_default(account):
            users |= accounts.on_default.get(grant.scope, set())
    members = grant.values.get("members")
    literal = [str(m) for m in members if m != UNKNOWN_TEXT] if isinstance(members, list) else []
    for member in literal:
        email = member.partition(":")[2].lower()
        users |= accounts.by_email.get(email, set())
        if _DEFAULT_COMPUTE.match(email):
            users |= accounts.on_default.get(grant.scope, set())
    # Each member known only at apply must be explained by a reference; one that is not
    # (a variable) may be anyone: undecided.
    pending = len(members) - len(literal) if isinstance(members, list) else 1
    resolved = pending <= len(set(referred))
    role = grant.values.get("role")
    to_account = any(m.lower().startswith(_SERVICE_ACCOUNT_MEMBER) for m in literal) or any(
        estate.kind_of(t) == SERVICE_ACCOUNT for t in referred
    )
    return {
        "level": grant_level(grant.type),
        "basic_role": role.lower() in BASIC_ROLES if isinstance(role, str) else None,
        "admin_role": bool(_ADMIN_ROLE.match(role)) if isinstance(role, str) else None,
        "grants_service_account": True if to_account else (False if resolved else None),
        "grants_ml_identity": True if users else (False if resolved else None),
        "broad_members": sorted(m for m in literal if _BROAD_MEMBER.match(m)),
        "used_by": sorted(users),
    }
