resource "azurerm_cognitive_account" "openai" {
  name                  = "aoai-prod"
  location              = "swedencentral"
  resource_group_name   = "rg-genai"
  kind                  = "OpenAI"
  sku_name              = "S0"
  local_auth_enabled    = false
  custom_subdomain_name = "aoai-prod"
}

resource "azurerm_cognitive_account_rai_policy" "annotate_only" {
  name                 = "annotate-only"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  base_policy_name     = "Microsoft.Default"
  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = false
    severity_threshold = "High"
    source             = "Completion"
  }
  content_filter {
    name               = "Jailbreak"
    filter_enabled     = false
    block_enabled      = false
    severity_threshold = "High"
    source             = "Prompt"
  }
}

resource "azurerm_cognitive_deployment" "chat" {
  name                 = "gpt-4o-chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.annotate_only.name
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }
  sku {
    name = "Standard"
  }
}

resource "azurerm_cognitive_deployment" "unfiltered" {
  name                 = "unfiltered"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  rai_policy_name      = "Microsoft.Nil"
  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }
  sku {
    name = "Standard"
  }
}
