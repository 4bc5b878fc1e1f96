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

data "azuread_user" "platform_lead" {
  user_principal_name = "platform.lead@example.com"
}

# The group may call the models, not change them.
resource "azurerm_role_assignment" "engineering_openai_user" {
  scope                = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id         = data.azuread_group.engineering.object_id
}

# The contributor role to one named administrator.
resource "azurerm_role_assignment" "lead_openai_contributor" {
  scope                = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI Contributor"
  principal_id         = data.azuread_user.platform_lead.object_id
}

# A user-typed principal with Contributor on the resource group.
resource "azurerm_role_assignment" "ops_contributor" {
  scope                = azurerm_resource_group.ai.id
  role_definition_name = "Contributor"
  principal_id         = "0b6f2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d"
  principal_type       = "User"
}
