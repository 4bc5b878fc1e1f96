resource "google_service_account" "training" {
  account_id = "vertex-training"
}

# Acting as the one training account, granted on that account, is not judged here.
resource "google_service_account_iam_member" "scientists_act_as_training" {
  service_account_id = google_service_account.training.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:data-scientists@example.com"
}

resource "google_project_iam_member" "scientists_vertex" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.user"
  member  = "group:data-scientists@example.com"
}
