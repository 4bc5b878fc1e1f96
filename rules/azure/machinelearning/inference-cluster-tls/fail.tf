resource "azurerm_machine_learning_inference_cluster" "aks_defaults" {
  name                          = "aks-defaults"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  kubernetes_cluster_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerService/managedClusters/aks-aks-defaults"
  cluster_purpose               = "DevTest"
}
