resource "azapi_resource" "ml_platform_operator" {
  type      = "Microsoft.Authorization/roleDefinitions@2022-04-01"
  name      = "9f3c1d2e-5b6a-4c7d-8e9f-0a1b2c3d4e5f"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d"

  body = {
    properties = {
      roleName         = "ml-platform-operator"
      type             = "CustomRole"
      permissions      = [{ actions = ["Microsoft.MachineLearningServices/*", "*/write"], notActions = [] }]
      assignableScopes = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d"]
    }
  }
}
