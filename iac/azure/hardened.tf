# Hardened: private, customer-managed keys, user-assigned identity, approved outbound only.

resource "azurerm_machine_learning_workspace" "fraud" {
  name                           = "mlw-${var.prefix}-fraud"
  location                       = azurerm_resource_group.ml.location
  resource_group_name            = azurerm_resource_group.ml.name
  application_insights_id        = azurerm_application_insights.ml.id
  key_vault_id                   = azurerm_key_vault.ml.id
  storage_account_id             = azurerm_storage_account.ml.id
  public_network_access_enabled  = false
  high_business_impact           = true
  primary_user_assigned_identity = azurerm_user_assigned_identity.ml.id
  storage_account_access_type    = "identity"
  v1_legacy_mode_enabled         = true
  tags                           = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.ml.id]
  }

  encryption {
    key_vault_id              = azurerm_key_vault.ml.id
    key_id                    = azurerm_key_vault_key.ml.id
    user_assigned_identity_id = azurerm_user_assigned_identity.ml.id
  }

  managed_network {
    isolation_mode = "AllowOnlyApprovedOutbound"
  }
}

resource "azurerm_private_endpoint" "fraud" {
  name                = "pe-mlw-${var.prefix}-fraud"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "mlw-fraud"
    private_connection_resource_id = azurerm_machine_learning_workspace.fraud.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "azureml"
    private_dns_zone_ids = [azurerm_private_dns_zone.azureml.id]
  }
}

resource "azurerm_machine_learning_compute_cluster" "fraud" {
  name                          = "cc-${var.prefix}-fraud"
  location                      = azurerm_resource_group.ml.location
  machine_learning_workspace_id = azurerm_machine_learning_workspace.fraud.id
  vm_priority                   = "Dedicated"
  vm_size                       = "Standard_NC24ads_A100_v4"
  subnet_resource_id            = azurerm_subnet.compute.id
  node_public_ip_enabled        = false
  local_auth_enabled            = false

  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 8
    scale_down_nodes_after_idle_duration = "PT15M"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.ml.id]
  }
}

# No stored key: users and compute reach the container with their own identities.
resource "azurerm_machine_learning_datastore_blobstorage" "training" {
  name                  = "training_data"
  workspace_id          = azurerm_machine_learning_workspace.fraud.id
  storage_container_id  = azurerm_storage_container.training.id
  service_data_identity = "WorkspaceUserAssignedIdentity"
}

resource "azurerm_monitor_diagnostic_setting" "fraud" {
  name                       = "diag-mlw-fraud"
  target_resource_id         = azurerm_machine_learning_workspace.fraud.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_machine_learning_registry" "shared" {
  name                          = "mlreg-${var.prefix}-shared"
  location                      = azurerm_resource_group.ml.location
  resource_group_name           = azurerm_resource_group.ml.name
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }

  main_region {
    location             = azurerm_resource_group.ml.location
    storage_account_type = "Standard_ZRS"
  }
}

# The shared ML identity (the fraud cluster acts as it) reads and writes blobs of the one
# storage account it uses, and nothing else.
resource "azurerm_role_assignment" "ml_blob_data" {
  scope                = azurerm_storage_account.ml.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.ml.principal_id
}
