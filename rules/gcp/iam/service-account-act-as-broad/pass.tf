# Act-as for named principals; a group may view the account but not act as it.
resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_service_account_iam_member" "pipelines_act_as_trainer" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:pipelines@ml-platform-prod-4821.iam.gserviceaccount.com"
}

resource "google_service_account_iam_binding" "lead_tokens" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountTokenCreator"
  members            = ["user:lead@example.com"]
}

resource "google_service_account_iam_member" "scientists_view" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountViewer"
  member             = "group:data-scientists@example.com"
}

resource "google_project_iam_member" "project_viewer" {
  project = "ml-platform-prod-4821"
  role    = "roles/viewer"
  member  = "group:data-scientists@example.com"
}
