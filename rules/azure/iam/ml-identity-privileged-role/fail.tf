data "azurerm_subscription" "current" {}
data "azurerm_client_config" "current" {}

data "azurerm_role_definition" "user_access_admin" {
  name = "User Access Administrator"
}

resource "azurerm_resource_group" "ml" {
  name     = "rg-ml-prod"
  location = "westeurope"
}

resource "azurerm_user_assigned_identity" "training" {
  name                = "id-ml-training"
  resource_group_name = azurerm_resource_group.ml.name
  location            = azurerm_resource_group.ml.location
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

resource "azurerm_machine_learning_compute_cluster" "train" {
  name                          = "cc-train"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_NC6s_v3"

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.training.id]
  }
}

resource "azurerm_machine_learning_compute_instance" "analyst" {
  name                          = "ci-analyst"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id
  virtual_machine_size          = "Standard_DS3_v2"

  identity {
    type = "SystemAssigned"
  }
}

# Contributor on the whole subscription for the workspace's own identity.
resource "azurerm_role_assignment" "workspace_contributor" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}

# Owner of the resource group, by the built-in role's GUID, for the cluster's user-assigned
# identity.
resource "azurerm_role_assignment" "training_owner" {
  scope              = azurerm_resource_group.ml.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = azurerm_user_assigned_identity.training.principal_id
}

# User Access Administrator of the resource group, looked up by name, for a compute instance.
resource "azurerm_role_assignment" "analyst_access_admin" {
  scope              = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/rg-ml-prod"
  role_definition_id = data.azurerm_role_definition.user_access_admin.id
  principal_id       = azurerm_machine_learning_compute_instance.analyst.identity[0].principal_id
}

# A custom role that may write role assignments, on the subscription.
resource "azurerm_role_definition" "ml_ops" {
  name  = "ml-ops"
  scope = data.azurerm_subscription.current.id

  permissions {
    actions = ["Microsoft.MachineLearningServices/*", "Microsoft.Authorization/roleAssignments/write"]
  }
}

resource "azurerm_role_assignment" "workspace_ml_ops" {
  scope              = data.azurerm_subscription.current.id
  role_definition_id = azurerm_role_definition.ml_ops.role_definition_resource_id
  principal_id       = azurerm_machine_learning_workspace.fraud.identity[0].principal_id
}
