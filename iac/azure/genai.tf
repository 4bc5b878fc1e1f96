# Azure OpenAI and an AI Foundry hub: the support assistant's model account written twice, with
# the defaults (keys on, every network, Microsoft-managed keys, no identity, no logs) and
# hardened; and a Foundry hub left open beside the hardened workspaces.

# -- hardened ----------------------------------------------------------------------------

resource "azurerm_cognitive_account" "openai" {
  name                          = "oai-${var.prefix}-support"
  location                      = azurerm_resource_group.ml.location
  resource_group_name           = azurerm_resource_group.ml.name
  kind                          = "OpenAI"
  sku_name                      = "S0"
  custom_subdomain_name         = "oai-${var.prefix}-support"
  local_auth_enabled            = false
  public_network_access_enabled = false
  identity {
    type = "SystemAssigned"
  }
  network_acls {
    default_action = "Deny"
  }
  tags = local.tags
}

resource "azurerm_cognitive_account_customer_managed_key" "openai" {
  cognitive_account_id = azurerm_cognitive_account.openai.id
  key_vault_key_id     = "${azurerm_key_vault.ml.vault_uri}keys/openai-cmk"
}

resource "azurerm_private_endpoint" "openai" {
  name                = "pe-oai-${var.prefix}-support"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  subnet_id           = azurerm_subnet.endpoints.id
  private_service_connection {
    name                           = "oai-support"
    private_connection_resource_id = azurerm_cognitive_account.openai.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }
}

resource "azurerm_monitor_diagnostic_setting" "openai" {
  name                       = "diag-oai-support"
  target_resource_id         = azurerm_cognitive_account.openai.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id
  enabled_log {
    category_group = "allLogs"
  }
}

# -- weak --------------------------------------------------------------------------------

resource "azurerm_ai_services" "playground" {
  name                = "ais-${var.prefix}-playground"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  sku_name            = "S0"
  tags                = local.tags
}

resource "azurerm_ai_foundry" "playground" {
  name                = "hub-${var.prefix}-playground"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  storage_account_id  = azurerm_storage_account.ml.id
  key_vault_id        = azurerm_key_vault.ml.id
  identity {
    type = "SystemAssigned"
  }
}
