resource "azapi_resource" "cc_train" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "cc-train"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType      = "AmlCompute"
      description      = "cc-train training cluster"
      disableLocalAuth = true
      properties = {
        vmSize     = "Standard_NC6s_v3"
        vmPriority = "Dedicated"
        scaleSettings = {
          minNodeCount                = 0
          maxNodeCount                = 4
          nodeIdleTimeBeforeScaleDown = "PT15M"
        }
        enableNodePublicIp = true
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-cc-train"
        }
      }
    }
  }
}

resource "azapi_resource" "cc_defaults" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "cc-defaults"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType = "AmlCompute"
      description = "cc-defaults training cluster"
      properties = {
        vmSize     = "Standard_NC6s_v3"
        vmPriority = "Dedicated"
        scaleSettings = {
          minNodeCount                = 0
          maxNodeCount                = 4
          nodeIdleTimeBeforeScaleDown = "PT15M"
        }
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-cc-defaults"
        }
      }
    }
  })
}
