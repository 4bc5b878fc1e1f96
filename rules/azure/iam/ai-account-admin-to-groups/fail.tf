resource "azurerm_resource_group" "ai" {
  name     = "rg-genai-prod"
  location = "swedencentral"
}

resource "azurerm_cognitive_account" "openai" {
  name                  = "oai-support-bot"
  location              = azurerm_resource_group.ai.location
  resource_group_name   = azurerm_resource_group.ai.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support-bot"
}

data "azuread_group" "engineering" {
  display_name = "All Engineering"
}

# On the account, to a group found by reference.
resource "azurerm_role_assignment" "engineering_openai_contributor" {
  scope                = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI Contributor"
  principal_id         = data.azuread_group.engineering.object_id
}

# On the resource group that holds it, a group by principal_type, the role by its GUID.
resource "azurerm_role_assignment" "support_contributor" {
  scope              = azurerm_resource_group.ai.id
  role_definition_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
  principal_id       = "7d0c1f4e-3b2a-4c59-8e61-0f9a2b3c4d5e"
  principal_type     = "Group"
}
