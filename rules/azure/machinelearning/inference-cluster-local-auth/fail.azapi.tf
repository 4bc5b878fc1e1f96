resource "azapi_resource" "aks_dev" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "aks-dev"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType      = "AKS"
      resourceId       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerService/managedClusters/aks-aks-dev"
      description      = "aks-dev scoring"
      disableLocalAuth = false
      properties = {
        clusterPurpose = "DevTest"
        agentCount     = 3
        sslConfiguration = {
          status          = "Auto"
          leafDomainLabel = "aks-dev"
        }
      }
    }
  }
}

resource "azapi_resource" "aks_defaults" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "aks-defaults"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType = "AKS"
      resourceId  = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerService/managedClusters/aks-aks-defaults"
      description = "aks-defaults scoring"
      properties = {
        clusterPurpose = "FastProd"
        agentCount     = 3
      }
    }
  })
}
