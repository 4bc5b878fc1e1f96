resource "azurerm_machine_learning_registry" "mlreg_shared" {
  name                          = "mlreg-shared"
  location                      = "northeurope"
  resource_group_name           = "rg-ml-prod"
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
  main_region {
    location             = "northeurope"
    storage_account_type = "Standard_ZRS"
  }
}

resource "azurerm_machine_learning_registry" "mlreg_defaults" {
  name                = "mlreg-defaults"
  location            = "westeurope"
  resource_group_name = "rg-ml-prod"
  identity {
    type = "SystemAssigned"
  }
  main_region {
    location             = "westeurope"
    storage_account_type = "Standard_ZRS"
  }
}
