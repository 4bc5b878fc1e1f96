resource "azurerm_machine_learning_workspace" "mlw_fraud" {
  name                          = "mlw-fraud"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-fraud"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwfraud"
  public_network_access_enabled = false
  storage_account_access_type   = "identity"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "mlw_churn" {
  name                        = "mlw-churn"
  location                    = "westeurope"
  resource_group_name         = "rg-ml-prod"
  application_insights_id     = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-churn"
  key_vault_id                = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
  storage_account_id          = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwchurn"
  high_business_impact        = true
  storage_account_access_type = "Identity"
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
    key_id       = "https://kv-ml-mlw-churn.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
  }
}
