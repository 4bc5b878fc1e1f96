resource "azurerm_machine_learning_datastore_blobstorage" "training_data" {
  name                  = "training_data"
  workspace_id          = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_container_id  = "https://stmltrainingdata.blob.core.windows.net/training_data"
  service_data_identity = "WorkspaceSystemAssignedIdentity"
}

resource "azurerm_machine_learning_datastore_fileshare" "feature_share" {
  name                 = "feature_share"
  workspace_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_fileshare_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlshares/fileServices/default/shares/feature_share"
}

resource "azurerm_machine_learning_datastore_datalake_gen2" "lake_curated" {
  name                 = "lake_curated"
  workspace_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_container_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmllake/blobServices/default/containers/lake_curated"
}
