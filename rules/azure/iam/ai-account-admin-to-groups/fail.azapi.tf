resource "azurerm_resource_group" "ai" {
  name     = "rg-genai-prod"
  location = "swedencentral"
}

resource "azapi_resource" "openai" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "oai-support-bot"
  parent_id = azurerm_resource_group.ai.id
  location  = "swedencentral"

  body = {
    kind = "OpenAI"
    sku  = { name = "S0" }
    properties = {
      customSubDomainName = "oai-support-bot"
    }
  }
}

# Cognitive Services OpenAI Contributor on the account, to a group.
resource "azapi_resource" "engineering_openai_contributor" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"
  parent_id = azapi_resource.openai.id

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/a001fd3d-188f-4b5d-821b-7da978bf7442"
      principalId      = "7d0c1f4e-3b2a-4c59-8e61-0f9a2b3c4d5e"
      principalType    = "Group"
    }
  }
}

# Cognitive Services Contributor on the resource group that holds it, to a group.
resource "azapi_resource" "support_contributor" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "4a3b0d2f-6c8e-4f90-8b1c-2d3e4f5a6b7c"
  parent_id = azurerm_resource_group.ai.id

  body = {
    properties = {
      roleDefinitionId = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/providers/Microsoft.Authorization/roleDefinitions/25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68"
      principalId      = "8e1d2a5f-4c3b-4d6a-9f72-1a0b3c4d5e6f"
      principalType    = "Group"
    }
  }
}
