resource "azurerm_machine_learning_workspace" "fraud" {
  name                    = "mlw-fraud"
  location                = "westeurope"
  resource_group_name     = "rg-ml-prod"
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-fraud"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-fraud"
  storage_account_id      = azurerm_storage_account.fraud.id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "fraud" {
  name                     = "stfraud"
  resource_group_name      = "rg-ml-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  allow_nested_items_to_be_public = false
}
