# No private endpoint; a manual connection the code cannot show approved.
resource "azurerm_cognitive_account" "oai_open" {
  name                  = "oai-open"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-open"
}

resource "azurerm_cognitive_account" "oai_manual" {
  name                  = "oai-manual"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-manual"
}

resource "azurerm_private_endpoint" "pe_oai_manual" {
  name                = "pe-oai-manual"
  location            = "swedencentral"
  resource_group_name = "rg-genai-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.Network/virtualNetworks/vnet-genai/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-oai-manual-conn"
    private_connection_resource_id = azurerm_cognitive_account.oai_manual.id
    subresource_names              = ["account"]
    is_manual_connection           = true
  }
}
