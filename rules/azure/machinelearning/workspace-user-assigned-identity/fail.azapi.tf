resource "azapi_resource" "mlw_sandbox" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-sandbox"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    sku = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName        = "mlw-sandbox"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwsandbox"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-sandbox"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-sandbox"
      publicNetworkAccess = "Disabled"
      encryption = {
        status = "Enabled"
        keyVaultProperties = {
          keyVaultArmId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-sandbox"
          keyIdentifier = "https://kv-ml-mlw-sandbox.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
        }
      }
    }
  }
}

resource "azapi_resource" "mlw_identity_not_primary" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-identity-not-primary"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-identity-not-primary"]
  }
  body = jsonencode({
    sku = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName        = "mlw-identity-not-primary"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwidentitynotprimary"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-identity-not-primary"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-identity-not-primary"
      hbiWorkspace        = true
    }
  })
}
