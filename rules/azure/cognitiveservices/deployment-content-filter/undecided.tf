resource "azurerm_cognitive_deployment" "chat" {
  name                 = "gpt-4o-chat"
  cognitive_account_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai/providers/Microsoft.CognitiveServices/accounts/aoai-prod"
  rai_policy_name      = "team-filter"
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }
  sku {
    name = "Standard"
  }
}
