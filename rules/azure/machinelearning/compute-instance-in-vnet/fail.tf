resource "azurerm_machine_learning_compute_instance" "ci_carol" {
  name                          = "ci-carol"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  virtual_machine_size          = "Standard_DS3_v2"
  authorization_type            = "personal"
  local_auth_enabled            = false
  node_public_ip_enabled        = true
}

resource "azurerm_machine_learning_compute_instance" "ci_defaults" {
  name                          = "ci-defaults"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  virtual_machine_size          = "Standard_DS3_v2"
  authorization_type            = "personal"
}
