resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azurerm_storage_account" "open" {
  name                            = "stmlopen"
  resource_group_name             = azurerm_resource_group.ml.name
  location                        = azurerm_resource_group.ml.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_machine_learning_workspace" "open" {
  name                    = "mlw-open"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-open"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-open"
  storage_account_id      = azurerm_storage_account.open.id

  identity {
    type = "SystemAssigned"
  }
}

# Storage open to anonymous reads, but the endpoint takes Entra tokens only.
resource "azurerm_machine_learning_online_endpoint" "entra" {
  name                          = "score-entra"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.open.id
  authentication_mode           = "AADToken"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account" "closed" {
  name                            = "stmlclosed"
  resource_group_name             = azurerm_resource_group.ml.name
  location                        = azurerm_resource_group.ml.location
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_machine_learning_workspace" "closed" {
  name                    = "mlw-closed"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-closed"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-closed"
  storage_account_id      = azurerm_storage_account.closed.id

  identity {
    type = "SystemAssigned"
  }
}

# Public and key-authenticated, but the workspace's storage allows no anonymous reads.
resource "azurerm_machine_learning_online_endpoint" "key" {
  name                          = "score-key"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.closed.id

  identity {
    type = "SystemAssigned"
  }
}
