resource "azurerm_machine_learning_workspace" "mlw_sandbox" {
  name                          = "mlw-sandbox"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-sandbox"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-sandbox"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwsandbox"
  public_network_access_enabled = false
  high_business_impact          = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "mlw_pending" {
  name                          = "mlw-pending"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-pending"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-pending"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwpending"
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-pending"
    key_id       = "https://kv-ml-mlw-pending.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
  }
}

resource "azurerm_private_endpoint" "pe_pending" {
  name                = "pe-mlw-pending"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-mlw-pending-conn"
    private_connection_resource_id = azurerm_machine_learning_workspace.mlw_pending.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = true
    request_message                = "Private access for the data science VNet"
  }
  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"]
  }
}

resource "azurerm_private_endpoint" "pe_blob" {
  name                = "pe-st-blob"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-st-blob-conn"
    private_connection_resource_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmldata"
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"]
  }
}
