# Public network access and no network rules (the defaults); rules whose default is Allow.
resource "azurerm_cognitive_account" "oai_open" {
  name                  = "oai-open"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-open"
}

resource "azurerm_cognitive_account" "oai_allow" {
  name                  = "oai-allow"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-allow"
  network_acls {
    default_action = "Allow"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_ai_services" "ais_foundry" {
  name                  = "ais-foundry"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry"
  public_network_access = "Enabled"
}
