# The whole project policy, authoritative: each binding is a grant.
data "google_iam_policy" "project" {
  binding {
    role    = "roles/owner"
    members = ["serviceAccount:vertex-pipelines@ml-platform-prod-4821.iam.gserviceaccount.com"]
  }
  binding {
    role    = "roles/aiplatform.admin"
    members = ["serviceAccount:batch-predict@ml-platform-prod-4821.iam.gserviceaccount.com", "user:lead@example.com"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "ml-platform-prod-4821"
  policy_data = data.google_iam_policy.project.policy_data
}

# A literal policy document on a folder.
resource "google_folder_iam_policy" "ml" {
  folder = "folders/884213"
  policy_data = jsonencode({
    bindings = [{ role = "roles/editor", members = ["serviceAccount:deployer@ml-platform-prod-4821.iam.gserviceaccount.com"] }]
  })
}
