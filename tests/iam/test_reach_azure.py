"""Azure reach: a role assigned by scope reaches the targets within it (Terraform and ARM)."""

from __future__ import annotations

import json

from tests.conftest import WriteTree
from tests.iam.reach_helpers import reach_of


def _group(name: str, address: str) -> str:
    return f"""
resource "azurerm_resource_group" "{address}" {{
  name     = "{name}"
  location = "westeurope"
}}
"""


def _account(address: str, name: str, group: str) -> str:
    return f"""
resource "azurerm_storage_account" "{address}" {{
  name                     = "{name}"
  resource_group_name      = azurerm_resource_group.{group}.name
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}}
"""


ESTATE = (
    _group("rg-ml", "ml")
    + _group("rg-other", "other")
    + _account("data", "mldata", "ml")
    + _account("elsewhere", "otherdata", "other")
    + """
resource "azurerm_user_assigned_identity" "ml" {
  name                = "ml-id"
  resource_group_name = azurerm_resource_group.ml.name
  location            = "westeurope"
}
resource "azurerm_container_registry" "acr" {
  name                = "mlacr"
  resource_group_name = azurerm_resource_group.other.name
  location            = "westeurope"
  sku                 = "Premium"
}
"""
)


def _assignment(address: str, scope: str, role: str) -> str:
    return f"""
resource "azurerm_role_assignment" "{address}" {{
  scope                = {scope}
  role_definition_name = "{role}"
  principal_id         = azurerm_user_assigned_identity.ml.principal_id
}}
"""


UAI = "azurerm_user_assigned_identity.ml"


def test_blob_contributor_on_a_group_reaches_its_accounts_only(write_tree: WriteTree) -> None:
    tf = ESTATE + _assignment(
        "blob", "azurerm_resource_group.ml.id", "Storage Blob Data Contributor"
    )
    reach = reach_of(write_tree({"main.tf": tf}))
    why = "Storage Blob Data Contributor on resource group rg-ml"
    assert reach == {
        (UAI, "can_read", "azurerm_storage_account.data"): why,
        (UAI, "can_write", "azurerm_storage_account.data"): why,
    }


def test_a_resource_scope_reaches_that_resource(write_tree: WriteTree) -> None:
    tf = ESTATE + _assignment("pull", "azurerm_container_registry.acr.id", "AcrPull")
    reach = reach_of(write_tree({"main.tf": tf}))
    assert reach == {
        (UAI, "can_read", "azurerm_container_registry.acr"): "AcrPull on resource mlacr"
    }


def test_owner_on_the_subscription_reaches_everything(write_tree: WriteTree) -> None:
    tf = ESTATE + _assignment(
        "own", '"/subscriptions/00000000-0000-0000-0000-000000000000"', "Owner"
    )
    reach = reach_of(write_tree({"main.tf": tf}))
    targets = {
        "azurerm_storage_account.data",
        "azurerm_storage_account.elsewhere",
        "azurerm_container_registry.acr",
    }
    assert {(s, f, t) for s, f, t in reach} == {
        (UAI, f, t) for f in ("can_read", "can_write", "can_manage") for t in targets
    }


def test_a_role_without_data_access_reaches_nothing(write_tree: WriteTree) -> None:
    tf = ESTATE + _assignment("read", "azurerm_resource_group.ml.id", "Reader")
    assert reach_of(write_tree({"main.tf": tf})) == {}


BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
PRINCIPAL = (
    "[reference(resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw'),"
    " '2024-10-01', 'full').identity.principalId]"
)


def _arm_account(name: str) -> dict[str, object]:
    return {
        "type": "Microsoft.Storage/storageAccounts",
        "apiVersion": "2023-01-01",
        "name": name,
        "location": "westeurope",
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
        "properties": {},
    }


def test_arm_assignment_on_one_account_by_its_workspace_identity(write_tree: WriteTree) -> None:
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            _arm_account("mldata"),
            _arm_account("other"),
            {
                "type": "Microsoft.MachineLearningServices/workspaces",
                "apiVersion": "2024-10-01",
                "name": "mlw",
                "location": "westeurope",
                "identity": {"type": "SystemAssigned"},
                "properties": {},
            },
            {
                "type": "Microsoft.Authorization/roleAssignments",
                "apiVersion": "2022-04-01",
                "name": "[guid('reader')]",
                "scope": "[format('Microsoft.Storage/storageAccounts/{0}', 'mldata')]",
                "properties": {
                    "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/"
                    f"roleDefinitions', '{BLOB_READER}')]",
                    "principalId": PRINCIPAL,
                },
            },
        ],
    }
    reach = reach_of(write_tree({"t.json": json.dumps(template)}))
    assert reach == {("mlw", "can_read", "mldata"): "Storage Blob Data Reader on resource mldata"}
