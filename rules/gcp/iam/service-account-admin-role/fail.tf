resource "google_service_account" "pipeline" {
  account_id = "vertex-pipelines"
}

# Owner, through a reference to the account.
resource "google_project_iam_member" "pipeline_owner" {
  project = "ml-platform-prod-4821"
  role    = "roles/owner"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

# An administrator role of a service, to a literal account, in a binding.
resource "google_project_iam_binding" "storage_admins" {
  project = "ml-platform-prod-4821"
  role    = "roles/storage.admin"
  members = [
    "user:lead@example.com",
    "serviceAccount:batch-predict@ml-platform-prod-4821.iam.gserviceaccount.com",
  ]
}

resource "google_folder_iam_member" "iam_admin" {
  folder = "folders/884213"
  role   = "roles/resourcemanager.projectIamAdmin"
  member = "serviceAccount:deployer@ml-platform-prod-4821.iam.gserviceaccount.com"
}
