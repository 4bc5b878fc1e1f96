resource "azapi_resource" "training_data" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "training_data"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      datastoreType = "AzureBlob"
      accountName   = "stmltrainingdata"
      containerName = "training_data"
      credentials = {
        credentialsType = "None"
      }
    }
  }
}

resource "azapi_resource" "feature_share" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "feature_share"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = jsonencode({
    properties = {
      datastoreType = "AzureFile"
      accountName   = "stmlshares"
      fileShareName = "feature_share"
      credentials = {
        credentialsType = "None"
      }
    }
  })
}

resource "azapi_resource" "lake_curated" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "lake_curated"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      datastoreType = "AzureDataLakeGen2"
      accountName   = "stmllake"
      filesystem    = "lake_curated"
      credentials = {
        credentialsType = "None"
      }
    }
  }
}
