resource "azapi_resource" "aks_score" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "aks-score"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      computeType      = "AKS"
      resourceId       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerService/managedClusters/aks-aks-score"
      description      = "aks-score scoring"
      disableLocalAuth = true
      properties = {
        clusterPurpose = "FastProd"
        agentCount     = 3
        sslConfiguration = {
          status          = "Auto"
          leafDomainLabel = "aks-score"
        }
      }
    }
  }
}

resource "azapi_resource" "k8s_attached" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "k8s-attached"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      computeType      = "Kubernetes"
      resourceId       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerService/managedClusters/aks-k8s-attached"
      description      = "k8s-attached scoring"
      disableLocalAuth = true
      properties = {
        namespace           = "azureml"
        defaultInstanceType = "defaultinstancetype"
      }
    }
  })
}
