resource "azurerm_container_registry" "acrmlfraud" {
  name                = "acrmlfraud"
  resource_group_name = "rg-ml-prod"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "acrmlpricing" {
  name                = "acrmlpricing"
  resource_group_name = "rg-ml-prod"
  location            = "westeurope"
  sku                 = "Premium"
  public_network_access_enabled = true
}
