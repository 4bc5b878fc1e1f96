"""Google Cloud reach: what each service account can read, write or manage.

A grant on a project (folder, organization) reaches the buckets, Artifact Registry
repositories and Vertex AI endpoints of the project (in code: of the same configuration, whose
project is the grant's or the provider's); a grant on one bucket, repository or endpoint
(`google_storage_bucket_iam_member`, ...: a role grant at that level) reaches that one; a
grant on one service account reaches no target here. The member is the service account it
names by reference, by email (`serviceAccount:EMAIL`) or by the account id in that email. The
roles that matter are listed below with what they grant per target kind; Viewer reads no
object data, so it is not among them.
"""

from __future__ import annotations

import polars as pl

from scanner.iam.computed import Estate
from scanner.iam.gcp_grants import ROLE_GRANT, SERVICE_ACCOUNT, grant_level
from scanner.iam.reach_aws import GRANTS_SCHEMA
from scanner.iam.reach_roles import role_edges
from scanner.model.resource import Resource
from scanner.model.values import UNKNOWN_TEXT

R, W, M = "can_read", "can_write", "can_manage"
BUCKET = "gcp.storage.bucket"
REPOSITORY = "gcp.artifactregistry.repository"
ENDPOINT = "gcp.vertexai.endpoint"
TARGET_KINDS = (BUCKET, REPOSITORY, ENDPOINT)

# https://cloud.google.com/iam/docs/understanding-roles (predefined roles and permissions)
ROLES: dict[str, dict[str, tuple[str, ...]]] = {
    "roles/owner": {k: (R, W, M) for k in TARGET_KINDS},
    "roles/editor": {k: (R, W) for k in TARGET_KINDS},
    "roles/iam.securityadmin": {k: (M,) for k in TARGET_KINDS},
    "roles/resourcemanager.projectiamadmin": {k: (M,) for k in TARGET_KINDS},
    "roles/storage.admin": {BUCKET: (R, W, M)},
    "roles/storage.objectadmin": {BUCKET: (R, W)},
    "roles/storage.objectuser": {BUCKET: (R, W)},
    "roles/storage.objectcreator": {BUCKET: (W,)},
    "roles/storage.objectviewer": {BUCKET: (R,)},
    "roles/storage.legacybucketowner": {BUCKET: (W, M)},
    "roles/storage.legacybucketwriter": {BUCKET: (W,)},
    "roles/storage.legacyobjectreader": {BUCKET: (R,)},
    "roles/storage.legacyobjectowner": {BUCKET: (R, W)},
    "roles/artifactregistry.reader": {REPOSITORY: (R,)},
    "roles/artifactregistry.writer": {REPOSITORY: (R, W)},
    "roles/artifactregistry.repoadmin": {REPOSITORY: (R, W)},
    "roles/artifactregistry.admin": {REPOSITORY: (R, W, M)},
    "roles/aiplatform.user": {ENDPOINT: (R, W)},
    "roles/aiplatform.admin": {ENDPOINT: (R, W, M)},
}
# The target kind a resource-level grant is on, by its level (gcp_grants.grant_level).
_ON = {"bucket": BUCKET, "repository": REPOSITORY, "endpoint": ENDPOINT}
_ABOVE_PROJECT = ("folder", "organization")
_SA_MEMBER = "serviceaccount:"

_GRANTS_SCHEMA = {
    "source": pl.UInt32(),
    "role": pl.String(),
    "scope": pl.String(),
    "project": pl.String(),
    "at": pl.UInt32(),  # a resource-level grant's target row
    "via": pl.String(),
}


def roles_table() -> pl.DataFrame:
    rows = [
        (role, kind, f) for role, grants in ROLES.items() for kind, fs in grants.items() for f in fs
    ]
    schema = {"role": pl.String(), "kind": pl.String(), "field": pl.String()}
    return pl.DataFrame(rows, schema=schema, orient="row")


class _Index:
    """Service accounts by email and account id, targets by kind and name: built once."""

    def __init__(self, estate: Estate) -> None:
        self.accounts: dict[tuple[str, str], list[int]] = {}
        self.targets: dict[tuple[str, str, str], int] = {}
        for row, r in enumerate(estate.resources):
            if r.kind == SERVICE_ACCOUNT:
                email = r.values.get("email")
                for name in {r.name.lower(), *([email.lower()] if isinstance(email, str) else [])}:
                    self.accounts.setdefault((r.scope, name), []).append(row)
            elif r.kind in TARGET_KINDS:
                for named in {r.name, r.values.get("name")}:
                    if isinstance(named, str):
                        self.targets.setdefault((r.scope, r.kind, named), row)


def _accounts(estate: Estate, index: _Index, grant: Resource) -> list[int]:
    """The service account rows a grant's members name (reference, email or account id)."""
    rows = [
        row
        for key in estate.refers(grant, "members")
        if (row := estate.by_key.get(key)) is not None
        and estate.resources[row].kind == SERVICE_ACCOUNT
    ]
    members = grant.values.get("members")
    for member in members if isinstance(members, list) else []:
        text = str(member)
        if text == UNKNOWN_TEXT or not text.lower().startswith(_SA_MEMBER):
            continue
        email = text[len(_SA_MEMBER) :].lower()
        for name in (email, email.split("@", 1)[0]):
            rows += index.accounts.get((grant.scope, name), [])
    return sorted(set(rows))


def _on_resource(estate: Estate, index: _Index, grant: Resource, kind: str) -> int | None:
    """The target row of a resource-level grant on a `kind` resource."""
    for key in estate.refers(grant, "resource"):
        row = estate.by_key.get(key)
        if row is not None and estate.resources[row].kind == kind:
            return row
    name = grant.values.get("resource")
    if isinstance(name, str) and name != UNKNOWN_TEXT:
        short = name.rsplit("/", 1)[-1]  # `projects/p/locations/l/repositories/r` or `r`
        return index.targets.get((grant.scope, kind, short))
    return None


def _grants(estate: Estate) -> pl.DataFrame:
    rows: list[tuple[object, ...]] = []
    index = _Index(estate)
    for grant in estate.resources:
        level = grant_level(grant.type)
        if grant.kind != ROLE_GRANT or level is None or level == "service_account":
            continue
        role = grant.values.get("role")
        if not isinstance(role, str) or role.lower() not in ROLES:
            continue
        accounts = _accounts(estate, index, grant)
        if not accounts:
            continue
        if level in _ON:
            at = _on_resource(estate, index, grant, _ON[level])
            if at is None:
                continue
            via = f"{role} on {level} {estate.resources[at].name}"
            project = None
        else:
            at = None
            resource = grant.values.get("resource")
            project = resource if isinstance(resource, str) and resource != UNKNOWN_TEXT else None
            if level in _ABOVE_PROJECT:
                project = None  # a folder or organization grant covers every project below
            via = f"{role} on {level} {project or grant.values.get('resource') or ''}".rstrip()
        rows.extend((a, role.lower(), grant.scope, project, at, via) for a in accounts)
    return pl.DataFrame(rows, schema=_GRANTS_SCHEMA, orient="row")


def gcp_reach(estate: Estate) -> pl.DataFrame:
    """Reach edges (GRANTS_SCHEMA) of Google grants, joined to targets by project."""
    if not estate.has((ROLE_GRANT,)):
        return pl.DataFrame(schema=GRANTS_SCHEMA)
    grants = _grants(estate)
    targets = pl.DataFrame(
        [
            (row, r.kind, r.scope, _project(r))
            for row, r in enumerate(estate.resources)
            if r.kind in TARGET_KINDS
        ],
        schema={
            "target": pl.UInt32(),
            "kind": pl.String(),
            "scope": pl.String(),
            "t_project": pl.String(),
        },
        orient="row",
    )
    at = pl.col("at")
    project = pl.col("project")
    within = (
        pl.when(at.is_not_null())
        .then(at == pl.col("target"))
        .otherwise(
            project.is_null() | pl.col("t_project").is_null() | (project == pl.col("t_project"))
        )
    )
    return role_edges(grants, targets, within, roles_table())


def _project(resource: Resource) -> str | None:
    """A target's project: its own field, or (live) the project it was read in."""
    project = resource.values.get("project")
    if isinstance(project, str) and project != UNKNOWN_TEXT:
        return project
    return resource.location.account
