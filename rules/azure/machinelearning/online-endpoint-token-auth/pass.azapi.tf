resource "azapi_resource" "ep_fraud" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-fraud"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      authMode            = "AADToken"
      description         = "ep-fraud scoring"
      publicNetworkAccess = "Enabled"
    }
  }
}

resource "azapi_resource" "ep_churn" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-churn"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = jsonencode({
    properties = {
      authMode            = "AMLToken"
      description         = "ep-churn scoring"
      publicNetworkAccess = "Disabled"
    }
  })
}
