resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azapi_resource" "workspace" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-fraud"
  parent_id = azurerm_resource_group.ml.id
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      storageAccount = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlfraud"
    }
  }
}

# Contributor, scoped to the workspace itself.
resource "azapi_resource" "workspace_self" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "8b3e4d5c-6f70-4b82-8c9d-1e2f3a4b5c6d"
  parent_id = azapi_resource.workspace.id

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
      principalId      = azapi_resource.workspace.identity[0].principal_id
    }
  }
}

# AzureML Data Scientist on the resource group: a role scoped to ML work, not a takeover.
resource "azapi_resource" "workspace_data_scientist" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "9c4f5e6d-7081-4c93-9dae-2f3a4b5c6d7e"
  parent_id = azurerm_resource_group.ml.id

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/f6c7c914-8db3-469d-8ca1-694a8f32e121"
      principalId      = azapi_resource.workspace.identity[0].principal_id
    }
  }
}
