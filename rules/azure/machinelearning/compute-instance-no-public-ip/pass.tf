resource "azurerm_machine_learning_compute_instance" "ci_alice" {
  name                          = "ci-alice"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  virtual_machine_size          = "Standard_DS3_v2"
  authorization_type            = "personal"
  node_public_ip_enabled        = false
  subnet_resource_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-alice"
}

resource "azurerm_machine_learning_compute_instance" "ci_bob" {
  name                          = "ci-bob"
  location                      = "westeurope"
  machine_learning_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud"
  virtual_machine_size          = "Standard_DS3_v2"
  authorization_type            = "personal"
  local_auth_enabled            = false
  node_public_ip_enabled        = false
  subnet_resource_id            = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-ml-prod/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-ci-bob"
  ssh {
    public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7dataScienceKeyci-bob ml@example.com"
  }
}
