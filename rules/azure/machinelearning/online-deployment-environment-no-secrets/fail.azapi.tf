resource "azapi_resource" "fraud_score_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/onlineEndpoints/fraud-score"
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "azureml:fraud-model:3"
      instanceType        = "Standard_DS3_v2"
      environmentVariables = {
        DB_PASSWORD = "Tr0ub4dor&3-fraud-prod"
        LOG_LEVEL   = "info"
      }
    }
  }
}

resource "azapi_resource" "fraud_score_green" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "green"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/onlineEndpoints/fraud-score"
  location  = "westeurope"
  body = jsonencode({
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "azureml:fraud-model:4"
      instanceType        = "Standard_DS3_v2"
      environmentVariables = {
        AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
      }
    }
  })
}
