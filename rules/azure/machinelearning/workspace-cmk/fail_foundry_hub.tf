resource "azurerm_ai_foundry" "hub" {
  name                  = "hub-genai"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  storage_account_id    = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.Storage/storageAccounts/sthubgenai"
  key_vault_id          = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.KeyVault/vaults/kv-hub-genai"
  public_network_access = "Disabled"
  identity {
    type = "SystemAssigned"
  }
}
