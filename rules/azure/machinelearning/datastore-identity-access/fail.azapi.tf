variable "storageKey" {
  type      = string
  sensitive = true
}

variable "sasToken" {
  type      = string
  sensitive = true
}

variable "clientSecret" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "raw_data" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "raw_data"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      datastoreType = "AzureBlob"
      accountName   = "stmlrawdata"
      containerName = "raw_data"
      credentials = {
        credentialsType = "AccountKey"
        secrets = {
          secretsType = "AccountKey"
          key         = "${var.storageKey}"
        }
      }
    }
  }
}

resource "azapi_resource" "shared_reports" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "shared_reports"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      datastoreType = "AzureFile"
      accountName   = "stmlshares"
      fileShareName = "shared_reports"
      credentials = {
        credentialsType = "Sas"
        secrets = {
          secretsType = "Sas"
          sasToken    = "${var.sasToken}"
        }
      }
    }
  }
}

resource "azapi_resource" "lake_raw" {
  type      = "Microsoft.MachineLearningServices/workspaces/datastores@2024-10-01"
  name      = "lake_raw"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location  = "westeurope"
  body = {
    properties = {
      datastoreType = "AzureDataLakeGen2"
      accountName   = "stmllake"
      filesystem    = "lake_raw"
      credentials = {
        credentialsType = "ServicePrincipal"
        tenantId        = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        clientId        = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
        secrets = {
          secretsType  = "ServicePrincipal"
          clientSecret = "${var.clientSecret}"
        }
      }
    }
  }
}
