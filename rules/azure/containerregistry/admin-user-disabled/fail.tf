resource "azurerm_container_registry" "acrmlfraud" {
  name                = "acrmlfraud"
  resource_group_name = "rg-ml-prod"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = true
}
