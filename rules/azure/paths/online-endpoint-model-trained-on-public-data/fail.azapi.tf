# Azure ML has no azurerm resource for deployments, model versions or jobs: azapi_resource
# declares them. A model version and a job are named by name within their workspace, so their
# parents are written as ids here (a parent known only after apply leaves a short reference
# unknown, and the path undecided; a deployment naming its model version by full id is
# followed whatever its parent).

# azurerm sends allow_nested_items_to_be_public = true when it is left out.
resource "azurerm_storage_account" "training_open" {
  name                     = "sttrainingopen"
  resource_group_name      = "rg-ml-prod"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# Public (the provider's default); serves a model trained on a blob URL of the open account.
resource "azurerm_machine_learning_online_endpoint" "score" {
  name                          = "ep-score"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  authentication_mode           = "AADToken"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "score_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azurerm_machine_learning_online_endpoint.score.id
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model/versions/3"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azapi_resource" "fraud_model_3" {
  type      = "Microsoft.MachineLearningServices/workspaces/models/versions@2024-10-01"
  name      = "3"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model"
  body = {
    properties = {
      modelType = "mlflow_model"
      jobName   = "train-fraud-3"
    }
  }
}

resource "azapi_resource" "train_fraud_3" {
  type      = "Microsoft.MachineLearningServices/workspaces/jobs@2024-10-01"
  name      = "train-fraud-3"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  body = {
    properties = {
      jobType        = "Command"
      command        = "python train.py --data $${{inputs.training_data}}"
      environmentId  = "azureml://registries/azureml/environments/sklearn-1.5/versions/1"
      experimentName = "fraud"
      inputs = {
        training_data = {
          jobInputType = "uri_folder"
          uri          = "https://sttrainingopen.blob.core.windows.net/training/fraud/2026-11/"
        }
      }
    }
  }
}

# Public; its model came out of a job (modelUri) that read a datastore on the open account.
resource "azurerm_machine_learning_online_endpoint" "score_green" {
  name                          = "ep-score-green"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  authentication_mode           = "AADToken"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "score_green_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azurerm_machine_learning_online_endpoint.score_green.id
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model/versions/4"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azapi_resource" "fraud_model_4" {
  type      = "Microsoft.MachineLearningServices/workspaces/models/versions@2024-10-01"
  name      = "4"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model"
  body = {
    properties = {
      modelType = "mlflow_model"
      modelUri  = "azureml://jobs/train-fraud-4/outputs/artifacts/paths/model/"
    }
  }
}

resource "azapi_resource" "train_fraud_4" {
  type      = "Microsoft.MachineLearningServices/workspaces/jobs@2024-10-01"
  name      = "train-fraud-4"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  body = {
    properties = {
      jobType        = "Command"
      command        = "python train.py --data $${{inputs.training_data}}"
      environmentId  = "azureml://registries/azureml/environments/sklearn-1.5/versions/1"
      experimentName = "fraud"
      inputs = {
        training_data = {
          jobInputType = "uri_folder"
          uri          = "azureml://datastores/trainingstore/paths/fraud/2026-12/"
        }
      }
    }
  }
}

resource "azapi_resource" "trainingstore" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "trainingstore"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  body = {
    properties = {
      datastoreType = "AzureBlob"
      accountName   = "sttrainingopen"
      containerName = "training"
      credentials   = { credentialsType = "None" }
    }
  }
}
