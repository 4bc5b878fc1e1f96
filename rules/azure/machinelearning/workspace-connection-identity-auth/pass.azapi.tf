variable "openai_key" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "aoai" {
  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-10-01"
  name      = "aoai"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai/providers/Microsoft.MachineLearningServices/workspaces/hub-genai"
  body = {
    properties = {
      category      = "AzureOpenAI"
      target        = "https://aoai-prod.openai.azure.com/"
      isSharedToAll = true
      metadata      = { ApiType = "Azure" }
      authType = "AAD"
      useWorkspaceManagedIdentity = true
    }
  }
}
