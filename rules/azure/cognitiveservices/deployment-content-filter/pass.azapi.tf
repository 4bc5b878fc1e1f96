resource "azapi_resource" "strict" {
  type      = "Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01"
  name      = "team-filter"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai/providers/Microsoft.CognitiveServices/accounts/aoai-prod"
  body = {
    properties = {
      basePolicyName = "Microsoft.Default"
      mode           = "Blocking"
      contentFilters = [
        { name = "Hate", enabled = true, blocking = true, severityThreshold = "Medium", source = "Prompt" },
        { name = "Jailbreak", enabled = true, blocking = true, severityThreshold = "High", source = "Prompt" },
      ]
    }
  }
}

resource "azapi_resource" "chat" {
  type      = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name      = "gpt-4o-chat"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai/providers/Microsoft.CognitiveServices/accounts/aoai-prod"
  body = {
    sku = { name = "Standard", capacity = 10 }
    properties = {
      model = { format = "OpenAI", name = "gpt-4o", version = "2024-11-20" }
      raiPolicyName = azapi_resource.strict.name
    }
  }
}

resource "azapi_resource" "summaries" {
  type      = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name      = "summaries"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai/providers/Microsoft.CognitiveServices/accounts/aoai-prod"
  body = {
    sku = { name = "Standard", capacity = 10 }
    properties = {
      model = { format = "OpenAI", name = "gpt-4o-mini", version = "2024-07-18" }
      raiPolicyName = "Microsoft.DefaultV2"
    }
  }
}
