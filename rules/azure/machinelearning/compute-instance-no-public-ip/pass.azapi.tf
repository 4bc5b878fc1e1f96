resource "azapi_resource" "ci_alice" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-alice"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType = "ComputeInstance"
      description = "ci-alice notebook instance"
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
        enableNodePublicIp               = false
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-alice"
        }
        idleTimeBeforeShutdown = "PT60M"
      }
    }
  }
}

resource "azapi_resource" "ci_bob" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-bob"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType      = "ComputeInstance"
      description      = "ci-bob notebook instance"
      disableLocalAuth = true
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
        enableNodePublicIp               = false
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-bob"
        }
        sshSettings = {
          sshPublicAccess = "Enabled"
          adminPublicKey  = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7dataScienceKeyci-bob ml@example.com"
        }
      }
    }
  })
}
