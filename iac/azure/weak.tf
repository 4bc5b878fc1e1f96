# Weak: what a first try usually looks like. Every resource here fails something.

# Public, service-managed keys, system identity, no managed network, account-key datastores.
resource "azurerm_machine_learning_workspace" "sandbox" {
  name                    = "mlw-${var.prefix}-sandbox"
  location                = azurerm_resource_group.ml.location
  resource_group_name     = azurerm_resource_group.ml.name
  application_insights_id = azurerm_application_insights.ml.id
  key_vault_id            = azurerm_key_vault.ml.id
  storage_account_id      = azurerm_storage_account.sandbox.id

  identity {
    type = "SystemAssigned"
  }
}

# Its storage (training data, models) with the provider's defaults: account keys work, and
# containers may be made public.
resource "azurerm_storage_account" "sandbox" {
  name                     = "st${var.prefix}sandbox"
  location                 = azurerm_resource_group.ml.location
  resource_group_name      = azurerm_resource_group.ml.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# Public IP, local auth, SSH open, outside any VNet, never shuts down.
resource "azurerm_machine_learning_compute_instance" "sandbox" {
  name                          = "ci-${var.prefix}-sandbox"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.sandbox.id
  virtual_machine_size          = "Standard_DS3_v2"

  ssh {
    public_key = file("${path.module}/keys/sandbox.pub")
  }
}

resource "azurerm_machine_learning_compute_cluster" "sandbox" {
  name                          = "cc-${var.prefix}-sandbox"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.sandbox.id
  vm_priority                   = "LowPriority"
  vm_size                       = "Standard_NC6s_v3"
  ssh_public_access_enabled     = true

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 4
    scale_down_nodes_after_idle_duration = "PT30M"
  }

  ssh {
    admin_username = "azureuser"
    key_value      = file("${path.module}/keys/sandbox.pub")
  }
}

# Plain HTTP scoring; azurerm cannot turn local auth off on an inference cluster.
resource "azurerm_machine_learning_inference_cluster" "sandbox" {
  name                          = "aks-${var.prefix}-sandbox"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.sandbox.id
  kubernetes_cluster_id         = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-contoso-aks/providers/Microsoft.ContainerService/managedClusters/aks-contoso-scoring"
  cluster_purpose               = "DevTest"
}

resource "azurerm_machine_learning_datastore_blobstorage" "raw" {
  name                 = "raw_data"
  workspace_id         = azurerm_machine_learning_workspace.sandbox.id
  storage_container_id = azurerm_storage_container.training.id
  account_key          = azurerm_storage_account.ml.primary_access_key
}

# azurerm's own defaults: Key authentication, public scoring.
resource "azurerm_machine_learning_online_endpoint" "sandbox" {
  name                          = "ep-${var.prefix}-sandbox"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.sandbox.id
  location                      = azurerm_resource_group.ml.location

  identity {
    type = "SystemAssigned"
  }
}

# "It needs access to things": Contributor on the whole resource group for the sandbox
# workspace's identity, so every notebook in it can change or delete anything there.
resource "azurerm_role_assignment" "sandbox_contributor" {
  scope                = azurerm_resource_group.ml.id
  role_definition_name = "Contributor"
  principal_id         = azurerm_machine_learning_workspace.sandbox.identity[0].principal_id
}
