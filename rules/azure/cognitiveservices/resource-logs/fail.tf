# No diagnostic setting; one that exports metrics only.
resource "azurerm_cognitive_account" "oai_support" {
  name                  = "oai-support"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support"
}

resource "azurerm_cognitive_account" "oai_metrics" {
  name                  = "oai-metrics"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-metrics"
}

resource "azurerm_monitor_diagnostic_setting" "diag_oai_metrics" {
  name               = "diag-oai-metrics"
  target_resource_id = azurerm_cognitive_account.oai_metrics.id
  log_analytics_workspace_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.OperationalInsights/workspaces/log-genai-security"
  enabled_metric {
    category = "AllMetrics"
  }
}
