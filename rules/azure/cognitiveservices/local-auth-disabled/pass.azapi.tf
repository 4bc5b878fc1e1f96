resource "azapi_resource" "oai_support" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "oai-support"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod"
  location  = "swedencentral"
  body = {
    kind = "OpenAI"
    sku = {
      name = "S0"
    }
    properties = {
      customSubDomainName = "oai-support"
      disableLocalAuth    = true
    }
  }
}
