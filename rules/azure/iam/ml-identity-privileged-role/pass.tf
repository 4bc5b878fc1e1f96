data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azurerm_storage_account" "ml" {
  name                     = "stmlfraud"
  resource_group_name      = azurerm_resource_group.ml.name
  location                 = azurerm_resource_group.ml.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_user_assigned_identity" "deployer" {
  name                = "id-pipeline-deployer"
  resource_group_name = azurerm_resource_group.ml.name
  location            = azurerm_resource_group.ml.location
}

resource "azurerm_machine_learning_workspace" "fraud" {
  name                    = "mlw-fraud"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Insights/components/appi-fraud"
  key_vault_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.KeyVault/vaults/kv-ml-fraud"
  storage_account_id      = azurerm_storage_account.ml.id

  identity {
    type = "SystemAssigned"
  }
}

# A data-plane role on the one storage account the workspace uses.
resource "azurerm_role_assignment" "workspace_blob" {
  scope                = azurerm_storage_account.ml.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# Contributor, but on the workspace resource only.
resource "azurerm_role_assignment" "workspace_self" {
  scope                = azurerm_machine_learning_workspace.fraud.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# Reader (by GUID) on the subscription: not a privileged role.
resource "azurerm_role_assignment" "workspace_reader" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id       = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# Owner of the resource group for the platform team's group: not an ML identity.
resource "azurerm_role_assignment" "platform_owner" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Owner"
  principal_id         = "8d3c1f0e-5b7a-4e2d-9c6f-1a2b3c4d5e6f"
  principal_type       = "Group"
}

# Contributor for a deployment identity that no ML resource acts as.
resource "azurerm_role_assignment" "deployer_contributor" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}
