resource "azapi_resource" "cc_gpu" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "cc-gpu"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType = "AmlCompute"
      description = "cc-gpu training cluster"
      properties = {
        vmSize     = "Standard_NC6s_v3"
        vmPriority = "Dedicated"
        scaleSettings = {
          minNodeCount                = 0
          maxNodeCount                = 4
          nodeIdleTimeBeforeScaleDown = "PT15M"
        }
        enableNodePublicIp = false
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-cc-gpu"
        }
        remoteLoginPortPublicAccess = "Disabled"
      }
    }
  }
}

resource "azapi_resource" "cc_vnet_default" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "cc-vnet-default"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType      = "AmlCompute"
      description      = "cc-vnet-default training cluster"
      disableLocalAuth = true
      properties = {
        vmSize     = "Standard_NC6s_v3"
        vmPriority = "Dedicated"
        scaleSettings = {
          minNodeCount                = 0
          maxNodeCount                = 4
          nodeIdleTimeBeforeScaleDown = "PT15M"
        }
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-cc-vnet-default"
        }
      }
    }
  })
}
