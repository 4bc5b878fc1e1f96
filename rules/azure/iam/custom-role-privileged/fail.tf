data "azurerm_subscription" "current" {}

# Every action of the subscription: Owner under another name.
resource "azurerm_role_definition" "ml_platform" {
  name  = "ml-platform-operator"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions = ["*"]
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}

# Machine learning, and granting roles through a wildcard.
resource "azurerm_role_definition" "ml_deployer" {
  name  = "ml-deployer"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions = ["Microsoft.MachineLearningServices/*", "Microsoft.Authorization/*/write"]
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}

# Contributor's shape (`*` less the authorization writes): still every other action.
resource "azurerm_role_definition" "contributor_copy" {
  name  = "contributor-copy"
  scope = data.azurerm_subscription.current.id
  permissions {
    actions     = ["*"]
    not_actions = ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write"]
  }
  assignable_scopes = [data.azurerm_subscription.current.id]
}
