resource "google_service_account" "frontend" {
  account_id = "search-frontend"
}

resource "google_project_iam_binding" "predictors" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.user"
  members = ["group:ml-platform@example.com", "serviceAccount:${google_service_account.frontend.email}"]
}
