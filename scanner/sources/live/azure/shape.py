"""ARM GET bodies in the shape ARM templates give the mappings (scanner/sources/arm/template.py).

A GET body already is the resource's template body; what differs is mapped here, once:
- `type` and `id` are the resource's own, not attributes (a template's `type` is not either);
  the type is spelled as the mappings spell it, whatever case ARM answered in;
- `name` is the short name ("cc-train") as a template's attribute; the resource's name is
  the template's full name ("mlw/cc-train");
- `parent` is what the resource belongs to: the workspace of a child, the resource a
  diagnostic setting watches, the scope of a role assignment, the resource group otherwise;
- private endpoint connections, read-only properties of a workspace or registry, become the
  `Microsoft.Network/privateEndpoints` resources a template would declare: an approved
  connection as `privateLinkServiceConnections`, one awaiting or refused approval as
  `manualPrivateLinkServiceConnections` (which the rules do not count);
- references (the template's `resourceId(...)`) point at the ids of the resources read, in
  their own spelling: ARM ids are case-insensitive and bodies spell them variously.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scanner.model.resource import Location, NativeResource
from scanner.sources.live.azure.specs import (
    PRIVATE_ENDPOINT_TYPE,
    PRIVATE_LINK_TARGETS,
    REFERENCE_PATHS,
)

# Live Azure resources resolve their references tenant-wide: ARM ids are unique across
# subscriptions, and an ML resource may use an identity of another subscription.
LIVE_SCOPE = "azure"
_UAI_PATH = "identity.userAssignedIdentities"
_LINK_PATH = "properties.privateLinkServiceConnections.properties.privateLinkServiceId"
_APPROVED = "approved"
_MANUAL = "manualPrivateLinkServiceConnections"


def segments(arm_id: str) -> list[str]:
    return [s for s in arm_id.split("/") if s]


def subscription_of(arm_id: str) -> str | None:
    parts = segments(arm_id)
    return parts[1] if len(parts) > 1 and parts[0].lower() == "subscriptions" else None


def resource_group_of(arm_id: str) -> str | None:
    parts = segments(arm_id)
    if len(parts) > 3 and parts[2].lower() == "resourcegroups":
        return parts[3]
    return None


def _last_provider(parts: list[str]) -> int:
    """Index of the last `providers` segment (-1 when there is none)."""
    lowered = [p.lower() for p in parts]
    return len(lowered) - 1 - lowered[::-1].index("providers") if "providers" in lowered else -1


def template_name(arm_id: str) -> str:
    """The name an ARM template gives the resource: `ws/child` for a child, the short name
    of a top-level or extension resource."""
    parts = segments(arm_id)
    at = _last_provider(parts)
    names = parts[at + 3 :: 2] if at >= 0 else parts[-1:]
    return "/".join(names) or arm_id


def parent_of(arm_id: str) -> str:
    """A child's parent resource; for a top-level or extension resource, what it is in or
    on: its resource group, subscription, or the resource an extension is attached to."""
    parts = segments(arm_id)
    at = _last_provider(parts)
    if at < 0:
        return "/" + "/".join(parts[:-2])
    if len(parts) - at > 4:  # providers/NS/type/name/childType/childName...
        return "/" + "/".join(parts[:-2])
    return "/" + "/".join(parts[:at])


class Shaper:
    """Turns the bodies read into native resources, their references resolved among them."""

    def __init__(self, bodies: Iterable[dict[str, Any]]) -> None:
        self._canonical: dict[str, str] = {}
        self._location: dict[str, str] = {}
        for body in bodies:
            arm_id = str(body["id"])
            self._canonical.setdefault(arm_id.lower(), arm_id)
            if isinstance(body.get("location"), str):
                self._location.setdefault(arm_id.lower(), str(body["location"]))

    def canonical(self, arm_id: str) -> str:
        """The id as the resource read spells it; an id of nothing read, lower case (so
        every mention of it is the same text)."""
        return self._canonical.get(arm_id.lower(), arm_id.lower())

    def known(self, arm_id: str) -> bool:
        return arm_id.lower() in self._canonical

    def native(
        self,
        body: dict[str, Any],
        native_type: str,
        parent: str | None = None,
        references: dict[str, tuple[str, ...]] | None = None,
    ) -> NativeResource:
        arm_id = str(body["id"])
        parent = parent if parent is not None else parent_of(arm_id)
        attributes: dict[str, object] = {k: v for k, v in body.items() if k not in ("id", "type")}
        attributes["name"] = str(body.get("name") or segments(arm_id)[-1])
        attributes["parent"] = parent
        refs = dict(references or {})
        if self.known(parent):
            refs["parent"] = (self.canonical(parent),)
        for path in REFERENCE_PATHS.get(native_type, ()):
            named = value_at(body, path)
            if isinstance(named, str) and self.known(named):
                refs[path] = (self.canonical(named),)
        identities = _user_assigned(body)
        if identities:
            refs[_UAI_PATH] = tuple(sorted({self.canonical(i) for i in identities}))
        location = body.get("location")
        region = location if isinstance(location, str) else self._location.get(parent.lower())
        return NativeResource(
            id=arm_id,
            type=native_type,
            name=template_name(arm_id),
            attributes=attributes,
            location=Location(
                "live", account=subscription_of(arm_id) or subscription_of(parent), region=region
            ),
            references={path: ids for path, ids in refs.items() if ids},
            scope=LIVE_SCOPE,
        )

    def principals(self, bodies: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
        """Principal (object) id -> the resources acting as it: each ML resource for its
        system-assigned identity, each user-assigned identity it lists for that one."""
        found: dict[str, set[str]] = {}
        for body in bodies:
            identity = body.get("identity")
            if not isinstance(identity, dict):
                continue
            if isinstance(identity.get("principalId"), str):
                found.setdefault(identity["principalId"].lower(), set()).add(str(body["id"]))
            for key, value in _user_assigned(body).items():
                if isinstance(value, dict) and isinstance(value.get("principalId"), str):
                    principal = value["principalId"].lower()
                    found.setdefault(principal, set()).add(self.canonical(key))
        return found

    def private_endpoints(self, targets: Iterable[dict[str, Any]]) -> list[NativeResource]:
        """The private endpoints connected to workspaces and registries, as templates
        declare them, each with its connections to the resources read."""
        bodies: dict[str, dict[str, Any]] = {}
        links: dict[str, set[str]] = {}
        for target in targets:
            for endpoint_id, connection, approved, subnet in _connections(target):
                body = bodies.setdefault(endpoint_id.lower(), _endpoint_body(endpoint_id, target))
                key = "privateLinkServiceConnections" if approved else _MANUAL
                body["properties"].setdefault(key, []).append(connection)
                if subnet:
                    body["properties"].setdefault("subnet", {"id": subnet})
                if approved:
                    links.setdefault(endpoint_id.lower(), set()).add(str(target["id"]))
        return [
            self.native(
                body,
                PRIVATE_ENDPOINT_TYPE,
                references={_LINK_PATH: tuple(sorted(links.get(key, ())))},
            )
            for key, body in sorted(bodies.items())
        ]


def _user_assigned(body: dict[str, Any]) -> dict[str, Any]:
    identity = body.get("identity")
    found = identity.get("userAssignedIdentities") if isinstance(identity, dict) else None
    return found if isinstance(found, dict) else {}


def _connections(
    target: dict[str, Any],
) -> Iterable[tuple[str, dict[str, Any], bool, str | None]]:
    """(private endpoint id, connection as a template writes it, approved, subnet id) of a
    workspace's `privateEndpointConnections` or a registry's
    `registryPrivateEndpointConnections`."""
    target_type = str(target.get("type", "")).lower()
    group = next((g for t, g in PRIVATE_LINK_TARGETS.items() if t.lower() == target_type), None)
    properties = target.get("properties")
    if group is None or not isinstance(properties, dict):
        return
    listed = properties.get("privateEndpointConnections") or properties.get(
        "registryPrivateEndpointConnections"
    )
    for connection in listed if isinstance(listed, list) else []:
        inner = connection.get("properties") if isinstance(connection, dict) else None
        if not isinstance(inner, dict):
            continue
        endpoint = inner.get("privateEndpoint")
        endpoint_id = endpoint.get("id") if isinstance(endpoint, dict) else None
        if not isinstance(endpoint_id, str) or not endpoint_id:
            continue
        state = inner.get("privateLinkServiceConnectionState") or inner.get(
            "registryPrivateLinkServiceConnectionState"
        )
        status = state.get("status") if isinstance(state, dict) else None
        groups = inner.get("groupIds")
        subnet = endpoint.get("subnetArmId") if isinstance(endpoint, dict) else None
        written = {
            "name": str(connection.get("name") or segments(endpoint_id)[-1]),
            "properties": {
                "privateLinkServiceId": str(target["id"]),
                "groupIds": groups if isinstance(groups, list) and groups else [group],
                "privateLinkServiceConnectionState": state,
            },
        }
        approved = str(status).lower() == _APPROVED
        yield endpoint_id, written, approved, subnet if isinstance(subnet, str) else None


def _endpoint_body(endpoint_id: str, target: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": endpoint_id,
        "name": segments(endpoint_id)[-1],
        "properties": {},
    }
    if isinstance(target.get("location"), str):
        body["location"] = target["location"]
    return body


def value_at(body: dict[str, Any], dotted: str) -> object:
    """The value at a dotted path of a body, None where a step is missing."""
    value: object = body
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value
