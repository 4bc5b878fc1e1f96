resource "azapi_resource" "ci_carol" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-carol"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType      = "ComputeInstance"
      description      = "ci-carol notebook instance"
      disableLocalAuth = false
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
        enableNodePublicIp               = false
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-carol"
        }
        idleTimeBeforeShutdown = "PT30M"
      }
    }
  }
}

resource "azapi_resource" "ci_defaults" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-defaults"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType = "ComputeInstance"
      description = "ci-defaults notebook instance"
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
      }
    }
  })
}
