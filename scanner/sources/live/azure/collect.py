"""Fan-out of a live Azure audit, in four rounds on a bounded pool.

1. Per subscription: the ML workspaces (hubs and projects too), registries and role
   assignments.
2. Per workspace: computes, online and batch endpoints, datastores, diagnostic settings.
3. By id: the user-assigned identities ML resources use, and the role definitions of the
   role assignments kept (those whose principal is an ML identity).
4. By name: the model versions online deployments serve, then the jobs that trained them.

Whatever fails becomes a coverage gap of its (subscription, resource group, collection) and
the audit goes on. Nothing is listed without bound: no job history is read, only the jobs
that deployed models name (one GET per distinct model version, one per distinct job).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from scanner.model.azureml import referenced_id
from scanner.model.resource import NativeResource
from scanner.sources.live.azure.client import (
    ArmError,
    ArmReader,
    default_credential,
    open_reader,
    require_azure_sdk,
)
from scanner.sources.live.azure.gaps import GONE, NOT_REGISTERED, SUBSCRIPTION_WIDE, gap
from scanner.sources.live.azure.options import AzureAuditOptions
from scanner.sources.live.azure.shape import (
    Shaper,
    resource_group_of,
    subscription_of,
    template_name,
    value_at,
)
from scanner.sources.live.azure.specs import (
    API_VERSIONS,
    CHILD_COLLECTIONS,
    CHILD_LEVELS,
    IDENTITY_TYPE,
    NAMED_READS,
    PRINCIPAL_TYPES,
    PRIVATE_ENDPOINT_TYPE,
    PRIVATE_LINK_TARGETS,
    ROLE_ASSIGNMENT_TYPE,
    ROLE_DEFINITION_TYPE,
    SUBSCRIPTION_COLLECTIONS,
    Collection,
    NamedRead,
    types_to_read,
)
from scanner.sources.live.azure.subscriptions import resolve_subscriptions
from scanner.sources.live.common import AuditSetupError, LiveLoad, ProgressSink
from scanner.sources.live.pool import GapPool, merge_gaps

if TYPE_CHECKING:
    from azure.core.credentials import TokenCredential

log = logging.getLogger(__name__)


class _Found:
    """The bodies read so far, by native type (appended to from the pool's threads)."""

    def __init__(self) -> None:
        self.bodies: list[tuple[str, dict[str, Any]]] = []
        # Workspaces deleted during the audit: lower-case id -> id.
        self.gone: dict[str, str] = {}

    def add(self, native_type: str, bodies: Iterable[dict[str, Any]]) -> None:
        self.bodies.extend((native_type, b) for b in bodies if isinstance(b.get("id"), str))

    def of(self, *types: str) -> list[dict[str, Any]]:
        return [body for t, body in self.bodies if t in types]


def _list_into(found: _Found, reader: ArmReader, path: str, collection: Collection) -> None:
    try:
        bodies = list(reader.list(path, collection.api_version))
    except ArmError as exc:
        if exc.code in NOT_REGISTERED:  # never registered: nothing of it can exist there
            log.debug("%s: %s", path, exc)
            return
        raise
    found.add(collection.native_type, bodies)


def _children_into(
    found: _Found, reader: ArmReader, parent_id: str, parent_type: str, collection: Collection
) -> None:
    try:
        _list_into(found, reader, parent_id + collection.suffix, collection)
    except ArmError as exc:
        if exc.status != 404:
            raise
        # Listed a moment ago: if the parent itself is gone now, it is not judged at all.
        try:
            reader.get(parent_id, API_VERSIONS[parent_type])
        except ArmError as again:
            if again.status == 404:
                found.gone[parent_id.lower()] = parent_id
                return
        raise


def _get_into(
    found: _Found, reader: ArmReader, arm_id: str, native_type: str, missing_ok: bool = False
) -> None:
    try:
        body = reader.get(arm_id, API_VERSIONS[native_type])
    except ArmError as exc:
        # Azure ML answers a missing model or job with its own codes (UserError): any 404.
        gone = missing_ok or exc.code in GONE | {"RoleDefinitionDoesNotExist"}
        if exc.status == 404 and gone:
            log.debug("%s is gone: %s", arm_id, exc)
            return
        raise
    found.add(native_type, [body])


def _credential(options: AzureAuditOptions) -> tuple[TokenCredential, bool]:
    """The credential, and whether it was made here (and is closed here)."""
    if options.credential is not None:
        return options.credential, False
    try:
        return default_credential(options.tenant), True
    except ValueError as exc:  # AZURE_TOKEN_CREDENTIALS names no credential
        raise AuditSetupError(f"Azure credentials: {exc}") from exc


def collect_azure(
    options: AzureAuditOptions,
    wanted: frozenset[str],
    progress: ProgressSink | None = None,
) -> LiveLoad:
    """Native resources of the `wanted` live types in every subscription asked for.

    Raises UsageError when the Azure SDK is not installed, AuditSetupError when the
    credentials do not work at all.
    """
    require_azure_sdk()
    credential, owned = _credential(options)
    reader = open_reader(options, credential)
    pool = GapPool(options.workers, progress, gap, expected=(ArmError,))
    try:
        resolved = resolve_subscriptions(reader, options)
        found = _Found()
        reads = types_to_read(wanted)
        for subscription in resolved.subscriptions:
            for collection in SUBSCRIPTION_COLLECTIONS:
                if collection.native_type in reads:
                    path = f"/subscriptions/{subscription}{collection.suffix}"
                    task = partial(_list_into, found, reader, path, collection)
                    pool.submit(
                        subscription, SUBSCRIPTION_WIDE, collection.name, task, planned=False
                    )
        pool.wait()
        _read_workspaces(pool, reader, found, reads)
        _read_by_id(pool, reader, found, reads)
        for named in NAMED_READS:
            if named.native_type in reads:
                _read_named(pool, reader, found, named)
        resources = _assemble(found, reads)
    finally:
        pool.close()
        reader.close()
        if owned:
            close = getattr(credential, "close", None)
            if callable(close):
                close()
    notes = resolved.notes + [
        f"workspace {template_name(gone)} in subscription {subscription_of(gone)} was deleted "
        "during the audit: not judged"
        for _, gone in sorted(found.gone.items())
    ]
    return LiveLoad(
        resources=resources,
        gaps=merge_gaps([*resolved.gaps, *pool.gaps]),
        accounts=len(resolved.subscriptions),
        regions=len({r.location.region for r in resources if r.location.region}),
        notes=notes,
        scope={"subscriptions": resolved.subscriptions},
    )


def _read_workspaces(
    pool: GapPool, reader: ArmReader, found: _Found, reads: frozenset[str]
) -> None:
    # Workspaces' children, the diagnostic settings, deployments and content filters of Azure
    # OpenAI / AI Services accounts; then what is listed under those children (an online
    # endpoint's deployments), level by level.
    for level in CHILD_LEVELS:
        for parent_type in level:
            collections = [c for c in CHILD_COLLECTIONS[parent_type] if c.native_type in reads]
            for parent in found.of(parent_type) if collections else ():
                parent_id = str(parent["id"])
                account = subscription_of(parent_id) or "?"
                group = resource_group_of(parent_id) or SUBSCRIPTION_WIDE
                for collection in collections:
                    service = f"{parent.get('name')}/{collection.name}"
                    task = partial(
                        _children_into, found, reader, parent_id, parent_type, collection
                    )
                    pool.submit(account, group, service, task, planned=False)
        pool.wait()


def _ml_principals(found: _Found) -> set[str]:
    """Object ids of the ML identities: system-assigned, and user-assigned ones they list."""
    principals: set[str] = set()
    for body in found.of(*PRINCIPAL_TYPES):
        identity = body.get("identity")
        if not isinstance(identity, dict):
            continue
        principals.add(str(identity.get("principalId", "")).lower())
        assigned = identity.get("userAssignedIdentities")
        for value in assigned.values() if isinstance(assigned, dict) else ():
            if isinstance(value, dict):
                principals.add(str(value.get("principalId", "")).lower())
    principals.discard("")
    return principals


def _properties(body: dict[str, Any]) -> dict[str, Any]:
    properties = body.get("properties")
    return properties if isinstance(properties, dict) else {}


_GROUP_PRINCIPALS = frozenset({"group", "foreigngroup"})


def _principal_of(assignment: dict[str, Any]) -> str:
    return str(_properties(assignment).get("principalId", "")).lower()


def _to_group(assignment: dict[str, Any]) -> bool:
    return str(_properties(assignment).get("principalType", "")).lower() in _GROUP_PRINCIPALS


def _read_by_id(pool: GapPool, reader: ArmReader, found: _Found, reads: frozenset[str]) -> None:
    """Role assignments to anything but an ML identity or a group are dropped (a group's are
    judged for who controls the AI Services accounts); the identities and role definitions the
    rest refer to are read."""
    wanted: dict[str, tuple[str, str]] = {}  # lower id -> (id, type)
    if ROLE_ASSIGNMENT_TYPE in reads:
        principals = _ml_principals(found)
        found.bodies = [
            (t, b)
            for t, b in found.bodies
            if t != ROLE_ASSIGNMENT_TYPE or _principal_of(b) in principals or _to_group(b)
        ]
        for assignment in found.of(ROLE_ASSIGNMENT_TYPE):
            definition = str(_properties(assignment).get("roleDefinitionId", ""))
            if definition.startswith("/"):
                wanted.setdefault(definition.lower(), (definition, ROLE_DEFINITION_TYPE))
    if IDENTITY_TYPE in reads:
        for body in found.of(*PRINCIPAL_TYPES):
            identity = body.get("identity")
            assigned = identity.get("userAssignedIdentities") if isinstance(identity, dict) else {}
            for key in assigned if isinstance(assigned, dict) else ():
                wanted.setdefault(str(key).lower(), (str(key), IDENTITY_TYPE))
    for arm_id, native_type in wanted.values():
        account = subscription_of(arm_id) or SUBSCRIPTION_WIDE
        group = resource_group_of(arm_id) or SUBSCRIPTION_WIDE
        service = native_type.rsplit("/", 1)[-1]
        task = partial(_get_into, found, reader, arm_id, native_type)
        pool.submit(account, group, service, task, planned=False)
    pool.wait()


def _named_ids(found: _Found, named: NamedRead) -> dict[str, str]:
    """Lower-case id -> id of every resource that bodies of `named.named_by` name."""
    wanted: dict[str, str] = {}
    for body in found.of(named.named_by):
        for path in named.paths:
            reference = value_at(body, path)
            arm_id = (
                referenced_id(reference, named.reference, str(body["id"]))
                if isinstance(reference, str)
                else None
            )
            if arm_id is not None:
                wanted.setdefault(arm_id.lower(), arm_id)
                break  # the first path that names one (a jobName before a modelUri)
    return wanted


def _read_named(pool: GapPool, reader: ArmReader, found: _Found, named: NamedRead) -> None:
    """GET each resource of `named.native_type` that a body read names; one named but not
    there (a model deleted while a deployment still names it) ends its chain there."""
    for arm_id in _named_ids(found, named).values():
        account = subscription_of(arm_id) or SUBSCRIPTION_WIDE
        group = resource_group_of(arm_id) or SUBSCRIPTION_WIDE
        task = partial(_get_into, found, reader, arm_id, named.native_type, missing_ok=True)
        pool.submit(account, group, named.name, task, planned=False)
    pool.wait()


def _assemble(found: _Found, reads: frozenset[str]) -> list[NativeResource]:
    """Every body read, once, as a native resource; a deleted workspace's with it left out."""
    kept: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for native_type, body in found.bodies:
        arm_id = str(body["id"]).lower()
        if any(arm_id == g or arm_id.startswith(g + "/") for g in found.gone):
            continue
        kept.setdefault((native_type, arm_id), (native_type, body))
    bodies = [body for _, body in kept.values()]
    shaper = Shaper(bodies)
    ml = [b for t, b in kept.values() if t in PRINCIPAL_TYPES]
    principals = shaper.principals(ml)
    for native_type, body in kept.values():
        if native_type == IDENTITY_TYPE and _properties(body).get("principalId"):
            principal = str(_properties(body)["principalId"]).lower()
            principals.setdefault(principal, set()).add(str(body["id"]))
    resources: list[NativeResource] = []
    for native_type, body in kept.values():
        if native_type == ROLE_ASSIGNMENT_TYPE:
            resources.append(_assignment(shaper, body, principals))
        else:
            resources.append(shaper.native(body, native_type))
    if PRIVATE_ENDPOINT_TYPE in reads:
        targets = [b for t, b in kept.values() if t in PRIVATE_LINK_TARGETS]
        resources.extend(shaper.private_endpoints(targets))
    return resources


def _assignment(
    shaper: Shaper, body: dict[str, Any], principals: dict[str, set[str]]
) -> NativeResource:
    """A role assignment with its scope as parent, and its principal and role definition
    referring to the resources read (a template's `reference(...).principalId`)."""
    properties = _properties(body)
    references: dict[str, tuple[str, ...]] = {}
    users = principals.get(str(properties.get("principalId", "")).lower(), set())
    references["properties.principalId"] = tuple(sorted(shaper.canonical(u) for u in users))
    definition = str(properties.get("roleDefinitionId", ""))
    if definition and shaper.known(definition):
        references["properties.roleDefinitionId"] = (shaper.canonical(definition),)
    scope = properties.get("scope")
    parent = str(scope) if isinstance(scope, str) and scope else None
    return shaper.native(body, ROLE_ASSIGNMENT_TYPE, parent=parent, references=references)
