resource "azurerm_machine_learning_online_endpoint" "ep_sandbox" {
  name                          = "ep-sandbox"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location                      = "westeurope"
  description                   = "ep-sandbox scoring"
  authentication_mode           = "Key"
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_machine_learning_online_endpoint" "ep_provider_default" {
  name                          = "ep-provider-default"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  location                      = "westeurope"
  description                   = "ep-provider-default scoring"
  public_network_access_enabled = true
  identity {
    type = "SystemAssigned"
  }
}
