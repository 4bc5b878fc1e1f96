data "google_iam_policy" "project" {
  binding {
    role    = "roles/owner"
    members = ["group:ml-platform-admins@example.com"]
  }
  binding {
    role    = "roles/aiplatform.user"
    members = ["serviceAccount:vertex-pipelines@ml-platform-prod-4821.iam.gserviceaccount.com"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "ml-platform-prod-4821"
  policy_data = data.google_iam_policy.project.policy_data
}
