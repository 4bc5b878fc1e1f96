resource "azurerm_machine_learning_datastore_blobstorage" "raw_data" {
  name                 = "raw_data"
  workspace_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_container_id = "https://stmlrawdata.blob.core.windows.net/raw_data"
  account_key          = "bm90LWEtcmVhbC1rZXktYnV0LWxvbmctZW5vdWdoLXRvLWxvb2stbGlrZS1vbmU9PQ=="
}

resource "azurerm_machine_learning_datastore_fileshare" "shared_reports" {
  name                    = "shared_reports"
  workspace_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_fileshare_id    = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlshares/fileServices/default/shares/shared_reports"
  shared_access_signature = "sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&sig=ZmFrZQ%3D%3D"
}

resource "azurerm_machine_learning_datastore_datalake_gen2" "lake_raw" {
  name                 = "lake_raw"
  workspace_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  storage_container_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmllake/blobServices/default/containers/lake_raw"
  tenant_id            = "72f988bf-86f1-41af-91ab-2d7cd011db47"
  client_id            = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
  client_secret        = "fake~client~secret~for~fixture"
}
