resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

# azurerm sends allow_nested_items_to_be_public = true when it is left out.
resource "azurerm_storage_account" "ml" {
  name                     = "stmlfraud"
  resource_group_name      = azurerm_resource_group.ml.name
  location                 = azurerm_resource_group.ml.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
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

# Public, and authenticated by key (the provider's default).
resource "azurerm_machine_learning_online_endpoint" "score" {
  name                          = "score-fraud"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id

  identity {
    type = "SystemAssigned"
  }
}
