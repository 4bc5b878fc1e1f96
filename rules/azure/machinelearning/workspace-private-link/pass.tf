resource "azurerm_machine_learning_workspace" "mlw_fraud" {
  name                          = "mlw-fraud"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-fraud"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-fraud"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwfraud"
  public_network_access_enabled = false
  high_business_impact          = true
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_workspace" "mlw_churn" {
  name                          = "mlw-churn"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  application_insights_id       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-mlw-churn"
  key_vault_id                  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
  storage_account_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlwchurn"
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
  encryption {
    key_vault_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-mlw-churn"
    key_id       = "https://kv-ml-mlw-churn.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d"
  }
}

resource "azurerm_private_endpoint" "pe_fraud" {
  name                = "pe-mlw-fraud"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-mlw-fraud-conn"
    private_connection_resource_id = azurerm_machine_learning_workspace.mlw_fraud.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"]
  }
}

resource "azurerm_private_endpoint" "pe_churn" {
  name                = "pe-mlw-churn"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-mlw-churn-conn"
    private_connection_resource_id = azurerm_machine_learning_workspace.mlw_churn.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms"]
  }
}
