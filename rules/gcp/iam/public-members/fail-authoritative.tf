data "google_iam_policy" "project" {
  binding {
    role    = "roles/aiplatform.user"
    members = ["allAuthenticatedUsers"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "ml-platform-prod-4821"
  policy_data = data.google_iam_policy.project.policy_data
}
