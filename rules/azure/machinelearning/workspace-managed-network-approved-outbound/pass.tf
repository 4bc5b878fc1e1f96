resource "azurerm_machine_learning_workspace" "mlw_fraud" {
  name                          = "mlw-fraud"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-fraud"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwfraud"
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}
