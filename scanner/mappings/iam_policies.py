"""Google Cloud's authoritative IAM policies, read as the grants they make.

`google_project_iam_policy` (and the folder, organization, bucket, service account and
Vertex AI endpoint forms) sets a whole IAM policy,
usually `policy_data = data.google_iam_policy.x.policy_data`, or a literal JSON policy
(`jsonencode({bindings = [...]})`). Before normalization each binding becomes one native
grant in `google_*_iam_binding`'s shape (role, members, the project / folder / organization),
so the `gcp.iam.role_grant` rules judge it as they judge the non-authoritative forms. The
grant is located at the binding that makes it (the data source's `binding` block).
A policy whose document cannot be read yields no grant: nothing to judge, never a pass of it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from operator import attrgetter

from scanner.model.resource import NativeResource
from scanner.model.values import UNKNOWN, Unknown

DATA_POLICY = "data.google_iam_policy"
# Authoritative policy type -> (its attribute naming the scope, the binding type it is read as)
POLICY_TYPES = {
    "google_project_iam_policy": ("project", "google_project_iam_binding"),
    "google_folder_iam_policy": ("folder", "google_folder_iam_binding"),
    "google_organization_iam_policy": ("org_id", "google_organization_iam_binding"),
    "google_storage_bucket_iam_policy": ("bucket", "google_storage_bucket_iam_binding"),
    "google_service_account_iam_policy": (
        "service_account_id",
        "google_service_account_iam_binding",
    ),
    "google_vertex_ai_endpoint_iam_policy": ("endpoint", "google_vertex_ai_endpoint_iam_binding"),
}
EXPANDED_TYPES = frozenset({DATA_POLICY, *POLICY_TYPES})


def _bindings_of_text(text: object) -> list[dict[str, object]] | None:
    if not isinstance(text, str):
        return None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        return None
    bindings = parsed.get("bindings") if isinstance(parsed, dict) else None
    return [b for b in bindings if isinstance(b, dict)] if isinstance(bindings, list) else None


def _members(value: object) -> object:
    if isinstance(value, Unknown):
        return value
    items = value if isinstance(value, list) else [value]
    # An item tfparse could not evaluate (a reference in a list) is null: known only at apply.
    return [UNKNOWN if item is None else item for item in items]


def expand_iam_policies(natives: list[NativeResource]) -> list[NativeResource]:
    """The natives, each authoritative Google IAM policy replaced by one grant per binding;
    the `data.google_iam_policy` documents themselves are dropped (they grant nothing alone)."""
    types = set(map(attrgetter("type"), natives))
    if types.isdisjoint(POLICY_TYPES):
        if DATA_POLICY not in types:
            return list(natives)  # nothing to expand or drop
        return [n for n in natives if n.type != DATA_POLICY]
    documents = {(n.scope, n.id): n for n in natives if n.type == DATA_POLICY}
    out: list[NativeResource] = []
    for native in natives:
        if native.type == DATA_POLICY:
            continue
        if native.type not in POLICY_TYPES:
            out.append(native)
            continue
        out.extend(_grants(native, documents))
    return out


def _grants(
    policy: NativeResource, documents: dict[tuple[str, str], NativeResource]
) -> list[NativeResource]:
    scope_attribute, binding_type = POLICY_TYPES[policy.type]
    origin = policy
    bindings = _bindings_of_text(policy.attributes.get("policy_data"))
    if bindings is None:
        named = [documents.get((policy.scope, t)) for t in policy.references.get("policy_data", ())]
        found = [d for d in named if d is not None]
        if len(found) != 1:
            return []
        origin = found[0]
        raw = origin.attributes.get("binding")
        bindings = [b for b in (raw if isinstance(raw, list) else [raw]) if isinstance(b, dict)]
    line = origin.lines.get("binding", origin.location.line)
    grants = []
    for index, binding in enumerate(bindings):
        role = binding.get("role")
        attributes: dict[str, object] = {
            "role": role,
            "members": _members(binding.get("members")),
            scope_attribute: policy.attributes.get(scope_attribute),
        }
        if binding.get("condition"):
            attributes["condition"] = binding["condition"]
        grants.append(
            NativeResource(
                id=f"{policy.id}.binding[{index}]",
                type=binding_type,
                name=role if isinstance(role, str) else policy.name,
                attributes=attributes,
                location=replace(origin.location, line=line),
                references={},
                scope=policy.scope,
                suppressions=policy.suppressions,
            )
        )
    return grants
