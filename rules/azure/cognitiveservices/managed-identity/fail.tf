resource "azurerm_cognitive_account" "oai_support" {
  name                  = "oai-support"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support"
}

resource "azurerm_ai_services" "ais_foundry" {
  name                  = "ais-foundry"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry"
}
