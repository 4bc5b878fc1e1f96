# Azure ML has no azurerm resource for deployments, model versions or jobs: azapi_resource
# declares them. A model version and a job are named by name within their workspace, so their
# parents are written as ids here (a parent known only after apply leaves a short reference
# unknown, and the path undecided; a deployment naming its model version by full id is
# followed whatever its parent).

# Open to anonymous reads.
resource "azurerm_storage_account" "training_open" {
  name                            = "sttrainingopen"
  resource_group_name             = "rg-ml-prod"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

# Refuses public containers.
resource "azurerm_storage_account" "training_closed" {
  name                            = "sttrainingclosed"
  resource_group_name             = "rg-ml-prod"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

# Trained on the open account, but takes no public traffic (the path breaks at the entry).
resource "azurerm_machine_learning_online_endpoint" "private" {
  name                          = "ep-private"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  authentication_mode           = "AADToken"
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "private_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azurerm_machine_learning_online_endpoint.private.id
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model/versions/1"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azapi_resource" "fraud_model_1" {
  type      = "Microsoft.MachineLearningServices/workspaces/models/versions@2024-10-01"
  name      = "1"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model"
  body = {
    properties = {
      modelType = "mlflow_model"
      jobName   = "train-open"
    }
  }
}

resource "azapi_resource" "train_open" {
  type      = "Microsoft.MachineLearningServices/workspaces/jobs@2024-10-01"
  name      = "train-open"
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
          uri          = "https://sttrainingopen.blob.core.windows.net/training/fraud/"
        }
      }
    }
  }
}

# Public; its job read the closed account (the path breaks at the storage).
resource "azurerm_machine_learning_online_endpoint" "closed" {
  name                          = "ep-closed"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  authentication_mode           = "AADToken"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "closed_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azurerm_machine_learning_online_endpoint.closed.id
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model/versions/2"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azapi_resource" "fraud_model_2" {
  type      = "Microsoft.MachineLearningServices/workspaces/models/versions@2024-10-01"
  name      = "2"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model"
  body = {
    properties = {
      modelType = "mlflow_model"
      jobName   = "train-closed"
    }
  }
}

resource "azapi_resource" "train_closed" {
  type      = "Microsoft.MachineLearningServices/workspaces/jobs@2024-10-01"
  name      = "train-closed"
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
          uri          = "azureml://datastores/trainingstore/paths/fraud/"
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
      accountName   = "sttrainingclosed"
      containerName = "training"
      credentials   = { credentialsType = "None" }
    }
  }
}

# Public; its model was uploaded from files on the open account, no job made it (the path breaks at the model).
resource "azurerm_machine_learning_online_endpoint" "files" {
  name                          = "ep-files"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  authentication_mode           = "AADToken"

  identity {
    type = "SystemAssigned"
  }
}

resource "azapi_resource" "files_blue" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments@2024-10-01"
  name      = "blue"
  parent_id = azurerm_machine_learning_online_endpoint.files.id
  location  = "westeurope"
  body = {
    sku = { name = "Default", capacity = 1 }
    properties = {
      endpointComputeType = "Managed"
      model               = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model/versions/5"
      instanceType        = "Standard_DS3_v2"
    }
  }
}

resource "azapi_resource" "fraud_model_5" {
  type      = "Microsoft.MachineLearningServices/workspaces/models/versions@2024-10-01"
  name      = "5"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud/models/fraud-model"
  body = {
    properties = {
      modelType = "mlflow_model"
      modelUri  = "https://sttrainingopen.blob.core.windows.net/models/fraud/5/"
    }
  }
}
