resource "azapi_resource" "mlw_fraud" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-fraud"
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
      friendlyName        = "mlw-fraud"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwfraud"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-fraud"
      publicNetworkAccess = "Enabled"
      encryption = {
        status = "Enabled"
        keyVaultProperties = {
          keyVaultArmId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
          keyIdentifier = "https://kv-ml-mlw-fraud.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
        }
      }
    }
  }
}

resource "azapi_resource" "mlw_churn" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-churn"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"]
  }
  body = jsonencode({
    sku = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName                = "mlw-churn"
      storageAccount              = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwchurn"
      keyVault                    = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
      applicationInsights         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-churn"
      publicNetworkAccess         = "Disabled"
      hbiWorkspace                = true
      primaryUserAssignedIdentity = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"
      encryption = {
        status = "Enabled"
        keyVaultProperties = {
          keyVaultArmId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
          keyIdentifier = "https://kv-ml-mlw-churn.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
        }
        identity = {
          userAssignedIdentity = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-mlw-churn"
        }
      }
    }
  })
}

resource "azapi_resource" "proj_genai" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "proj-genai"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    kind = "Project"
    sku = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName        = "proj-genai"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stprojgenai"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-proj-genai"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-proj-genai"
    }
  }
}
