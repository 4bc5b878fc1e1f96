"""REST items as native resources: id = full resource name, account = project, region =
the location in the name (a Workbench instance's zone), as the mapping tables expect."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scanner.model.resource import Location, NativeResource
from scanner.sources.live.gcp.endpoints import GLOBAL
from scanner.sources.live.gcp.specs import (
    AUDIT_CONFIG_TYPE,
    BUCKET_GRANT_TYPE,
    BUCKET_TYPE,
    GRANT_TYPE,
    CollectionSpec,
)


def location_of(name: str) -> str | None:
    """The location segment of a resource name: projects/p/locations/{this}/..."""
    parts = name.split("/")
    for index, part in enumerate(parts[:-1]):
        if part == "locations":
            return parts[index + 1]
    return None


def native_item(
    spec: CollectionSpec,
    item: dict[str, Any],
    project: str,
    location: str,
    parent: str | None = None,
) -> NativeResource | None:
    """The native resource of one listed item; None for an item without a resource name."""
    name = item.get("name")
    if not isinstance(name, str) or not name:
        return None
    attributes = dict(item)
    references: dict[str, tuple[str, ...]] = {}
    if spec.parent_attribute and parent:
        attributes[spec.parent_attribute] = parent
        references[spec.parent_attribute] = (parent,)
    if spec.native_type.startswith("iam:"):
        short = str(item.get("email", name)).split("@", 1)[0]  # a service account's account id
    else:
        short = name.rsplit("/", 1)[-1]
    return NativeResource(
        id=name,
        type=spec.native_type,
        name=short,
        attributes=attributes,
        location=Location("live", account=project, region=location_of(name) or location),
        references=references,
        scope=project,
    )


def storage_bucket(item: dict[str, Any], project: str) -> NativeResource | None:
    """A Cloud Storage bucket of the JSON API: named projects/_/buckets/{name} (the form
    Google's resource names give buckets), in its location (a region or a multi-region)."""
    name = item.get("name")
    if not isinstance(name, str) or not name:
        return None
    return NativeResource(
        id=f"projects/_/buckets/{name}",
        type=BUCKET_TYPE,
        name=name,
        attributes=dict(item),
        location=Location("live", account=project, region=str(item.get("location", "")).lower()),
        scope=project,
    )


def policy_grants(project: str, policy: dict[str, Any]) -> list[NativeResource]:
    """A project's IAM policy as one grant per (binding, member): the shape of Terraform's
    google_project_iam_member (role, member, project, condition), judged by the same table."""
    return _grants(policy, GRANT_TYPE, f"projects/{project}", ("project", project), project)


def bucket_policy_grants(project: str, bucket: str, policy: dict[str, Any]) -> list[NativeResource]:
    """A bucket's IAM policy, likewise in google_storage_bucket_iam_member's shape (role,
    member, bucket, condition): allUsers among its members makes the bucket public."""
    owner = f"projects/{project}/buckets/{bucket}"
    return _grants(policy, BUCKET_GRANT_TYPE, owner, ("bucket", bucket), project)


def _grants(
    policy: dict[str, Any], native_type: str, owner: str, on: tuple[str, str], project: str
) -> list[NativeResource]:
    grants: list[NativeResource] = []
    used: Counter[str] = Counter()
    for binding in policy.get("bindings") or []:
        if not isinstance(binding, dict) or not isinstance(binding.get("role"), str):
            continue
        role = binding["role"]
        condition = binding.get("condition") if isinstance(binding.get("condition"), dict) else None
        members = binding.get("members")
        for member in members if isinstance(members, list) else []:
            if not isinstance(member, str):
                continue
            grant_id = f"{owner}/iamPolicy/{role}/{member}"
            if condition is not None:
                grant_id += f"/condition/{condition.get('title', '')}"
            used[grant_id] += 1
            if used[grant_id] > 1:  # the same member twice, under two conditions of one title
                grant_id += f"#{used[grant_id]}"
            grants.append(
                NativeResource(
                    id=grant_id,
                    type=native_type,
                    name=f"{role} {member}",
                    attributes={
                        "role": role,
                        "member": member,
                        on[0]: on[1],
                        "condition": condition,
                    },
                    location=Location("live", account=project, region=GLOBAL),
                    scope=project,
                )
            )
    return grants


def policy_audit_configs(project: str, policy: dict[str, Any]) -> list[NativeResource]:
    """A project's IAM policy's auditConfigs, one per service, in the shape of Terraform's
    google_project_iam_audit_config (service, audit_log_config blocks, project)."""
    configs: list[NativeResource] = []
    for config in policy.get("auditConfigs") or []:
        if not isinstance(config, dict) or not isinstance(config.get("service"), str):
            continue
        service = config["service"]
        blocks = [
            {
                "log_type": entry.get("logType"),
                "exempted_members": list(entry.get("exemptedMembers") or []),
            }
            for entry in config.get("auditLogConfigs") or []
            if isinstance(entry, dict)
        ]
        configs.append(
            NativeResource(
                id=f"projects/{project}/iamPolicy/auditConfigs/{service}",
                type=AUDIT_CONFIG_TYPE,
                name=service,
                attributes={"service": service, "audit_log_config": blocks, "project": project},
                location=Location("live", account=project, region=GLOBAL),
                scope=project,
            )
        )
    return configs
