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
  customer_managed_key {
    key_vault_key_id = "https://kv-genai.vault.azure.net/keys/openai-cmk"
  }
}

# The key set by its own resource.
resource "azurerm_cognitive_account" "oai_batch" {
  name                  = "oai-batch"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-batch"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_cognitive_account_customer_managed_key" "oai_batch" {
  cognitive_account_id = azurerm_cognitive_account.oai_batch.id
  key_vault_key_id     = "https://kv-genai.vault.azure.net/keys/openai-batch-cmk"
}

# A multi-service account stores no customer data (exempt, as in the built-in policy).
resource "azurerm_cognitive_account" "cog_multi" {
  name                  = "cog-multi"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "CognitiveServices"
  sku_name              = "S0"
  custom_subdomain_name = "cog-multi"
}
