# Needs the reach of identities (can_write) from the IAM analysis.
resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azurerm_storage_account" "ml" {
  name                            = "stmlfraud"
  resource_group_name             = azurerm_resource_group.ml.name
  location                        = azurerm_resource_group.ml.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_machine_learning_workspace" "fraud" {
  name                    = "mlw-fraud"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-fraud"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-fraud"
  storage_account_id      = azurerm_storage_account.ml.id

  identity {
    type = "SystemAssigned"
  }
}

# A public IP by default; its identity writes blobs anywhere in the resource group.
resource "azurerm_machine_learning_compute_instance" "analyst" {
  name                          = "ci-analyst"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id
  virtual_machine_size          = "Standard_DS3_v2"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "analyst_blob_writer" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_machine_learning_compute_instance.analyst.identity[0].principal_id
}
