resource "azurerm_machine_learning_registry" "mlreg_prod" {
  name                          = "mlreg-prod"
  location                      = "westeurope"
  resource_group_name           = "rg-ml-prod"
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
  main_region {
    location             = "westeurope"
    storage_account_type = "Standard_ZRS"
  }
}
