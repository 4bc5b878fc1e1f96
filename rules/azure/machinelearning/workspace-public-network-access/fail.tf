resource "azurerm_machine_learning_workspace" "mlw_sandbox" {
  name                          = "mlw-sandbox"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-sandbox"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-sandbox"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwsandbox"
  public_network_access_enabled = true
  high_business_impact          = true
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-sandbox"
    key_id       = "https://kv-ml-mlw-sandbox.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
  }
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_machine_learning_workspace" "mlw_defaults" {
  name                    = "mlw-defaults"
  location                = "westeurope"
  resource_group_name     = "rg-ml-prod"
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-defaults"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-defaults"
  storage_account_id      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwdefaults"
  identity {
    type = "SystemAssigned"
  }
}
