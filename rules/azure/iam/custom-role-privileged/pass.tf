data "azurerm_subscription" "current" {}

resource "azurerm_role_definition" "ml_reader" {
  name  = "ml-reader"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions = ["Microsoft.MachineLearningServices/workspaces/*/read", "Microsoft.Authorization/*/read"]
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}

# Authorization wildcard, but its writes taken out again.
resource "azurerm_role_definition" "ml_auditor" {
  name  = "ml-auditor"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions     = ["Microsoft.MachineLearningServices/*/read", "Microsoft.Authorization/*"]
    not_actions = ["Microsoft.Authorization/*/write", "Microsoft.Authorization/*/delete"]
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}
