resource "azapi_resource" "ci_carol" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-carol"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType      = "ComputeInstance"
      description      = "ci-carol notebook instance"
      disableLocalAuth = true
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
        enableNodePublicIp               = false
        subnet = {
          id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-carol"
        }
        sshSettings = {
          sshPublicAccess = "Enabled"
          adminPublicKey  = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7dataScienceKeyci-carol ml@example.com"
        }
      }
    }
  }
}

resource "azapi_resource" "ci_dave" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-dave"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType = "ComputeInstance"
      description = "ci-dave notebook instance"
      properties = {
        vmSize                           = "Standard_DS3_v2"
        computeInstanceAuthorizationType = "personal"
        applicationSharingPolicy         = "Personal"
        sshSettings = {
          sshPublicAccess = "Enabled"
          adminPublicKey  = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7dataScienceKeyci-dave ml@example.com"
        }
        idleTimeBeforeShutdown = "PT45M"
      }
    }
  })
}
