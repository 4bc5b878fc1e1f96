resource "azurerm_cognitive_account" "oai_private" {
  name                  = "oai-private"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-private"
  public_network_access_enabled = false
}

resource "azurerm_cognitive_account" "oai_acl" {
  name                  = "oai-acl"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-acl"
  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_ai_services" "ais_foundry" {
  name                  = "ais-foundry"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry"
  public_network_access = "Disabled"
}
