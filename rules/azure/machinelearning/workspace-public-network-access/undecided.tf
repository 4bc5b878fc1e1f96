variable "public_access" {
  type = bool
}

# Whether the workspace is public is decided at apply time by a variable without default.
resource "azurerm_machine_learning_workspace" "by_variable" {
  name                          = "mlw-by-variable"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-by-variable"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-by-variable"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlbyvariable"
  public_network_access_enabled = var.public_access
  high_business_impact          = true

  identity {
    type = "SystemAssigned"
  }
}
