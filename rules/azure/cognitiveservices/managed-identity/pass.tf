resource "azurerm_cognitive_account" "oai_support" {
  name                  = "oai-support"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_ai_services" "ais_foundry" {
  name                  = "ais-foundry"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  sku_name              = "S0"
  custom_subdomain_name = "ais-foundry"
  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-genai"]
  }
}
