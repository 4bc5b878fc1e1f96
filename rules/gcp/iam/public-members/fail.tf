resource "google_project_iam_member" "public_predict" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.user"
  member  = "allUsers"
}

resource "google_project_iam_binding" "anyone_with_an_account" {
  project = "ml-platform-prod-4821"
  role    = "roles/storage.objectViewer"
  members = ["group:ml-platform@example.com", "allAuthenticatedUsers"]
}
