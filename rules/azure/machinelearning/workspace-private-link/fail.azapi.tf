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
      hbiWorkspace        = true
    }
  }
}

resource "azapi_resource" "mlw_pending" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-pending"
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
      friendlyName        = "mlw-pending"
      storageAccount      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwpending"
      keyVault            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-pending"
      applicationInsights = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-pending"
      publicNetworkAccess = "Disabled"
      encryption = {
        status = "Enabled"
        keyVaultProperties = {
          keyVaultArmId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-pending"
          keyIdentifier = "https://kv-ml-mlw-pending.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
        }
      }
    }
  })
}

resource "azurerm_private_endpoint" "pe_pending" {
  name                = "pe-mlw-pending"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-mlw-pending-conn"
    private_connection_resource_id = azapi_resource.mlw_pending.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = true
    request_message                = "Private access for the data science VNet"
  }
  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"]
  }
}
