resource "google_service_account" "pipeline" {
  account_id = "vertex-pipelines"
}

resource "google_project_iam_member" "pipeline_user" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

# Administrators are people here, not service accounts.
resource "google_project_iam_binding" "storage_admins" {
  project = "ml-platform-prod-4821"
  role    = "roles/storage.admin"
  members = ["user:lead@example.com", "group:ml-platform@example.com"]
}
