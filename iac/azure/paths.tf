# Attack paths (MLP-AZ-PATH-002): the sandbox online endpoint (iac/azure/weak.tf) is public and
# takes keys, and its workspace's storage lets containers be made public: endpoint ->
# workspace -> storage account open to anonymous reads. Each twin below breaks that path at
# one hop of its own.

# Breaks the entry: Microsoft Entra tokens only, no public network access.
resource "azurerm_machine_learning_online_endpoint" "sandbox_entra" {
  name                          = "ep-${var.prefix}-sandbox-entra"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.sandbox.id
  location                      = azurerm_resource_group.ml.location
  authentication_mode           = "AADToken"
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }
}

# Breaks hop 1: its workspace is not in this code.
resource "azurerm_machine_learning_online_endpoint" "elsewhere" {
  name                          = "ep-${var.prefix}-elsewhere"
  machine_learning_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.MachineLearningServices/workspaces/mlw-other"
  location                      = azurerm_resource_group.ml.location

  identity {
    type = "SystemAssigned"
  }
}

# Breaks hop 2: the fraud workspace's storage refuses public containers.
resource "azurerm_machine_learning_online_endpoint" "fraud_key" {
  name                          = "ep-${var.prefix}-fraud-key"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id
  location                      = azurerm_resource_group.ml.location

  identity {
    type = "SystemAssigned"
  }
}
