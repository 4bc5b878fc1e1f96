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
  response_export_values = ["identity.principalId"]
}

# Contributor of the resource group for the workspace identity.
resource "azapi_resource" "workspace_contributor" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
  parent_id = azurerm_resource_group.ml.id

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
      principalId      = azapi_resource.workspace.identity[0].principal_id
      principalType    = "ServicePrincipal"
    }
  }
}

# Owner of the subscription, by a literal scope.
resource "azapi_resource" "workspace_owner" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d"

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
      principalId      = azapi_resource.workspace.identity[0].principal_id
    }
  }
}
