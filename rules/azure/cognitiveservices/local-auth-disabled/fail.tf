# Keys work unless local authentication is disabled.
resource "azurerm_cognitive_account" "oai_support" {
  name                  = "oai-support"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support"
}

resource "azurerm_cognitive_account" "oai_batch" {
  name                  = "oai-batch"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-batch"
  local_auth_enabled    = true
}

resource "azurerm_ai_services" "ais_foundry" {
  name                  = "ais-foundry"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry"
}
