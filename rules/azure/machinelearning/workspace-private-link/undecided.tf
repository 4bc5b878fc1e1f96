variable "endpoint_groups" {
  type = list(string)
}

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
}

# The endpoint exists, but which sub-resource it serves is known only at apply.
resource "azurerm_private_endpoint" "pe_fraud" {
  name                = "pe-mlw-fraud"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-private-endpoints"

  private_service_connection {
    name                           = "pe-mlw-fraud-conn"
    private_connection_resource_id = azurerm_machine_learning_workspace.mlw_fraud.id
    subresource_names              = var.endpoint_groups
    is_manual_connection           = false
  }
}
