resource "azurerm_machine_learning_compute_cluster" "cc_train" {
  name                          = "cc-train"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_NC6s_v3"
  local_auth_enabled            = false
  node_public_ip_enabled        = true
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_compute_cluster" "cc_defaults" {
  name                          = "cc-defaults"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_D4s_v3"
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT15M"
  }
  identity {
    type = "SystemAssigned"
  }
}
