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

resource "azapi_resource" "mlw_metrics_only" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-metrics-only"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = jsonencode({
    sku = {
      name = "Basic"
      tier = "Basic"
    }
    properties = {
      friendlyName        = "mlw-metrics-only"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwmetricsonly"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-metrics-only"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-metrics-only"
      hbiWorkspace        = true
    }
  })
}

resource "azapi_resource" "diag_metrics_only" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag-mlw_metrics_only"
  parent_id = azapi_resource.mlw_metrics_only.id
  body = {
    properties = {
      workspaceId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.OperationalInsights/workspaces/log-ml-security"
      logs = [
        { categoryGroup = "allLogs", enabled = false }
      ]
      metrics = [
        { category = "AllMetrics", enabled = true }
      ]
    }
  }
}
