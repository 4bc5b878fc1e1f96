"""Terraform azapi_resource lands on its ARM type: HCL body objects, jsonencode, plans."""

from __future__ import annotations

import json

from scanner.model.values import UNKNOWN
from scanner.sources.load import load_sources
from tests.conftest import WriteTree

WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
WANTED = frozenset({WORKSPACE})

AZAPI = """\
resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2021-04-01"
  name     = "ml"
  location = "westeurope"
}

resource "azapi_resource" "identity" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31"
  name      = "ml-identity"
  parent_id = azapi_resource.rg.id
}

resource "azapi_resource" "workspace" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "studio"
  parent_id = azapi_resource.rg.id
  location  = "westeurope"
  identity {
    type         = "UserAssigned"
    identity_ids = [azapi_resource.identity.id]
  }
  body = {
    properties = {
      publicNetworkAccess = "Disabled"
      hbiWorkspace        = true
    }
  }
}

resource "azapi_resource" "legacy" {
  type      = "microsoft.machinelearningservices/Workspaces@2023-04-01"
  name      = "legacy"
  parent_id = "/subscriptions/0000/resourceGroups/ml"
  body = jsonencode({
    properties = { publicNetworkAccess = "Enabled" }
  })
}
"""


def test_azapi_resources_take_their_arm_type_and_body(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": AZAPI})
    load = load_sources([(root, "azure")], WANTED, workers=1)
    assert load.errors == []
    found = {r.id: r for r in load.resources}
    assert sorted(found) == ["azapi_resource.legacy", "azapi_resource.workspace"]  # types wanted
    workspace = found["azapi_resource.workspace"]
    assert workspace.type == WORKSPACE and workspace.location.source == "terraform"
    assert workspace.attributes["properties"] == {
        "publicNetworkAccess": "Disabled",
        "hbiWorkspace": True,
    }
    assert workspace.attributes["name"] == "studio"
    identity = workspace.attributes["identity"]
    assert isinstance(identity, dict) and identity["type"] == "UserAssigned"
    assert workspace.references["identity.userAssignedIdentities"] == ("azapi_resource.identity",)
    assert workspace.attributes["parent"] is UNKNOWN
    assert workspace.references["parent"] == ("azapi_resource.rg",)
    legacy = found["azapi_resource.legacy"]
    assert legacy.type == WORKSPACE  # ARM types are case-insensitive; the catalog's spelling wins
    assert legacy.attributes["properties"] == {"publicNetworkAccess": "Enabled"}  # jsonencode
    assert legacy.attributes["parent"] == "/subscriptions/0000/resourceGroups/ml"


def test_azapi_in_a_plan(write_tree: WriteTree) -> None:
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "azapi_resource.workspace",
                        "mode": "managed",
                        "type": "azapi_resource",
                        "name": "workspace",
                        "provider_name": "registry.terraform.io/azure/azapi",
                        "schema_version": 2,
                        "values": {
                            "type": "Microsoft.MachineLearningServices/workspaces@2024-10-01",
                            "name": "studio",
                            "location": "westeurope",
                            "body": {"properties": {"publicNetworkAccess": "Enabled"}},
                            "identity": [{"type": "SystemAssigned", "identity_ids": []}],
                        },
                        "sensitive_values": {},
                    }
                ]
            }
        },
        "resource_changes": [
            {
                "address": "azapi_resource.workspace",
                "mode": "managed",
                "type": "azapi_resource",
                "name": "workspace",
                "provider_name": "registry.terraform.io/azure/azapi",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": {},
                    "after_unknown": {"id": True, "parent_id": True, "output": True},
                },
            }
        ],
    }
    root = write_tree({"plan.json": json.dumps(plan, indent=2)})
    load = load_sources([(root, "azure")], WANTED, workers=1)
    assert load.errors == []
    (workspace,) = load.resources
    assert workspace.type == WORKSPACE and workspace.location.source == "terraform-plan"
    assert workspace.attributes["properties"] == {"publicNetworkAccess": "Enabled"}
    assert workspace.attributes["identity"] == {
        "type": "SystemAssigned",
        "userAssignedIdentities": {},
    }
    assert workspace.attributes["parent"] is UNKNOWN


def test_an_id_inside_an_object_value_is_kept(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "main.tf": """\
            resource "azapi_resource" "subnet" {
              type = "Microsoft.Network/virtualNetworks/subnets@2023-09-01"
              name = "ml"
            }

            resource "azapi_resource" "compute" {
              type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
              name      = "ci"
              parent_id = "/subscriptions/0/resourceGroups/ml/providers/x/workspaces/ws"
              body = {
                properties = {
                  computeType = "ComputeInstance"
                  properties  = { subnet = { id = azapi_resource.subnet.id } }
                }
              }
            }
            """
        }
    )
    compute_type = "Microsoft.MachineLearningServices/workspaces/computes"
    load = load_sources([(root, "azure")], frozenset({compute_type}), workers=1)
    (compute,) = load.resources
    inner = compute.attributes["properties"]["properties"]  # type: ignore[index]
    assert inner == {"subnet": {"id": UNKNOWN}}  # known only after apply, but set
    assert compute.references["properties.properties.subnet.id"] == ("azapi_resource.subnet",)


def test_a_body_value_tfparse_cannot_evaluate_is_unknown_not_absent(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "main.tf": """\
            variable "access" {}
            variable "secret" {
              sensitive = true
            }

            resource "azapi_resource" "encoded" {
              type = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
              name = "encoded"
              body = jsonencode({ properties = { publicNetworkAccess = var.access } })
            }

            resource "azapi_resource" "object" {
              type = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
              name = "object"
              body = { properties = { publicNetworkAccess = var.secret, hbiWorkspace = true } }
            }
            """
        }
    )
    load = load_sources([(root, "azure")], WANTED, workers=1)
    found = {r.attributes["name"]: r.attributes["properties"] for r in load.resources}
    assert found["encoded"] is UNKNOWN
    assert found["object"] == {"publicNetworkAccess": UNKNOWN, "hbiWorkspace": True}
