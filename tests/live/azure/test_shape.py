"""GET bodies in the template shape: names, parents, private endpoints, references."""

from __future__ import annotations

from scanner.sources.live.azure.shape import Shaper, parent_of, template_name

WS = (
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw"
)
REGISTRY = (
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/reg"
)
PE = "/subscriptions/s2/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-{}"
RG = "/subscriptions/s1/resourceGroups/rg"
UAI = f"{RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id"


def test_names_and_parents_as_templates_write_them() -> None:
    compute = f"{WS}/computes/cc-train"
    diagnostic = f"{WS}/providers/microsoft.insights/diagnosticSettings/diag"
    assignment = "/subscriptions/s1/providers/Microsoft.Authorization/roleAssignments/g-1"
    assert template_name(compute) == "mlw/cc-train"
    assert template_name(WS) == "mlw"
    assert template_name(diagnostic) == "diag"
    assert template_name(assignment) == "g-1"
    assert parent_of(compute) == WS
    assert parent_of(diagnostic) == WS
    assert parent_of(WS) == "/subscriptions/s1/resourceGroups/rg"
    assert parent_of(assignment) == "/subscriptions/s1"


def test_a_child_refers_to_its_workspace_and_identities_in_their_own_spelling() -> None:
    workspace = {"id": WS, "name": "mlw", "location": "northeurope"}
    identity = {"id": UAI, "name": "id", "location": "northeurope"}
    compute = {
        "id": f"{WS}/computes/cc",
        "name": "cc",
        "type": "microsoft.machinelearningservices/workspaces/computes",
        "identity": {"type": "UserAssigned", "userAssignedIdentities": {UAI.lower(): {}}},
        "properties": {"computeType": "AmlCompute"},
    }
    shaper = Shaper([workspace, identity, compute])
    native = shaper.native(compute, "Microsoft.MachineLearningServices/workspaces/computes")
    assert native.name == "mlw/cc"
    assert native.attributes["name"] == "cc" and native.attributes["parent"] == WS
    assert "type" not in native.attributes and "id" not in native.attributes
    assert native.references == {"parent": (WS,), "identity.userAssignedIdentities": (UAI,)}
    assert (native.location.account, native.location.region) == ("s1", "northeurope")


def test_private_endpoint_connections_become_private_endpoints() -> None:
    def connection(endpoint: str, status: str, state_key: str) -> dict[str, object]:
        return {
            "id": f"{REGISTRY}/privateEndpointConnections/{endpoint}",
            "properties": {
                "privateEndpoint": {"id": PE.format(endpoint), "subnetArmId": "/snet"},
                state_key: {"status": status},
                "groupIds": ["amlregistry"],
            },
        }

    registry = {
        "id": REGISTRY,
        "type": "Microsoft.MachineLearningServices/registries",
        "location": "westeurope",
        "properties": {
            "registryPrivateEndpointConnections": [
                connection("a", "Approved", "registryPrivateLinkServiceConnectionState"),
                connection("b", "Pending", "registryPrivateLinkServiceConnectionState"),
            ]
        },
    }
    endpoints = {e.name: e for e in Shaper([registry]).private_endpoints([registry])}
    approved, pending = endpoints["pe-a"], endpoints["pe-b"]
    assert approved.id == PE.format("a") and approved.location.account == "s2"
    link = "properties.privateLinkServiceConnections.properties.privateLinkServiceId"
    assert approved.references[link] == (REGISTRY,)
    properties = approved.attributes["properties"]
    assert isinstance(properties, dict)
    assert properties["subnet"] == {"id": "/snet"}
    assert properties["privateLinkServiceConnections"][0]["properties"]["groupIds"] == [
        "amlregistry"
    ]
    pending_properties = pending.attributes["properties"]
    assert isinstance(pending_properties, dict)
    assert "privateLinkServiceConnections" not in pending_properties
    assert len(pending_properties["manualPrivateLinkServiceConnections"]) == 1
    assert link not in pending.references
