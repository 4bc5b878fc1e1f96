resource "azurerm_machine_learning_workspace" "mlw_fraud" {
  name                           = "mlw-fraud"
  location                       = "westeurope"
  resource_group_name            = "rg-ml-prod"
  application_insights_id        = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-fraud"
  key_vault_id                   = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
  storage_account_id             = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwfraud"
  public_network_access_enabled  = false
  primary_user_assigned_identity = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-fraud"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-fraud"]
  }
}

resource "azurerm_machine_learning_workspace" "mlw_churn" {
  name                           = "mlw-churn"
  location                       = "westeurope"
  resource_group_name            = "rg-ml-prod"
  application_insights_id        = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-churn"
  key_vault_id                   = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
  storage_account_id             = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwchurn"
  high_business_impact           = false
  primary_user_assigned_identity = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"]
  }
  encryption {
    key_vault_id              = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
    key_id                    = "https://kv-ml-mlw-churn.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
    user_assigned_identity_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"
  }
}
