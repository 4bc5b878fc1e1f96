resource "azurerm_cognitive_account" "oai_support" {
  name                  = "oai-support"
  location              = "swedencentral"
  resource_group_name   = "rg-genai-prod"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "oai-support"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "pe_oai_support" {
  name                = "pe-oai-support"
  location            = "swedencentral"
  resource_group_name = "rg-genai-prod"
  subnet_id           = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-genai-prod/providers/Microsoft.Network/virtualNetworks/vnet-genai/subnets/snet-private-endpoints"
  private_service_connection {
    name                           = "pe-oai-support-conn"
    private_connection_resource_id = azurerm_cognitive_account.oai_support.id
    subresource_names              = ["account"]
    is_manual_connection           = false
  }
}
