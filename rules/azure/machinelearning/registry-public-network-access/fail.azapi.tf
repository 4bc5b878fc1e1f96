resource "azapi_resource" "mlreg_shared" {
  type      = "Microsoft.MachineLearningServices/registries@2024-10-01"
  name      = "mlreg-shared"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      regionDetails = [{
        location = "northeurope"
        storageAccountDetails = [{
          systemCreatedStorageAccount = {
            storageAccountType = "Standard_LRS"
          }
        }]
        acrDetails = [{
          systemCreatedAcrAccount = {
            acrAccountSku = "Premium"
          }
        }]
      }]
      publicNetworkAccess = "Enabled"
    }
  }
}

resource "azapi_resource" "mlreg_defaults" {
  type      = "Microsoft.MachineLearningServices/registries@2024-10-01"
  name      = "mlreg-defaults"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = jsonencode({
    properties = {
      regionDetails = [{
        location = "westeurope"
        storageAccountDetails = [{
          systemCreatedStorageAccount = {
            storageAccountType = "Standard_LRS"
          }
        }]
        acrDetails = [{
          systemCreatedAcrAccount = {
            acrAccountSku = "Premium"
          }
        }]
      }]
    }
  })
}
