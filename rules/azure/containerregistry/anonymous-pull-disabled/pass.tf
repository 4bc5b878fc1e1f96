resource "azurerm_container_registry" "acrmlfraud" {
  name                = "acrmlfraud"
  resource_group_name = "rg-ml-prod"
  location            = "westeurope"
  sku                 = "Premium"
  anonymous_pull_enabled = false
}

resource "azurerm_container_registry" "acrmlpricing" {
  name                = "acrmlpricing"
  resource_group_name = "rg-ml-prod"
  location            = "westeurope"
  sku                 = "Premium"
}
