resource "azapi_resource" "ml_job_submitter" {
  type      = "Microsoft.Authorization/roleDefinitions@2022-04-01"
  name      = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
  parent_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d"

  body = {
    properties = {
      roleName         = "ml-job-submitter"
      type             = "CustomRole"
      permissions      = [{ actions = ["Microsoft.MachineLearningServices/workspaces/read", "Microsoft.MachineLearningServices/workspaces/jobs/*"], notActions = [] }]
      assignableScopes = ["/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d"]
    }
  }
}
