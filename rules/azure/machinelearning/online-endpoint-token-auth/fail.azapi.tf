resource "azapi_resource" "ep_sandbox" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-sandbox"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "Key"
      description         = "ep-sandbox scoring"
      publicNetworkAccess = "Disabled"
    }
  }
}

resource "azapi_resource" "ep_legacy" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-legacy"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = jsonencode({
    properties = {
      authMode    = "key"
      description = "ep-legacy scoring"
    }
  })
}
