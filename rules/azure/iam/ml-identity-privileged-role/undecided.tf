variable "role_name" {
  type = string
}

variable "scope" {
  type = string
}

variable "principal_id" {
  type = string
}

resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azurerm_machine_learning_workspace" "fraud" {
  name                    = "mlw-fraud"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-fraud"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-fraud"
  storage_account_id      = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stmlfraud"

  identity {
    type = "SystemAssigned"
  }
}

# The role is a variable: known only when the plan is made.
resource "azurerm_role_assignment" "workspace_role" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = var.role_name
  principal_id         = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# The scope is a variable.
resource "azurerm_role_assignment" "workspace_scope" {
  scope                = var.scope
  role_definition_name = "Owner"
  principal_id         = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# Whose identity it is comes from a variable.
resource "azurerm_role_assignment" "someone_owner" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Owner"
  principal_id         = var.principal_id
}
