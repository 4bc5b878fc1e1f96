# Act-as granted on one service account (the narrow form), not on the project.
resource "google_service_account_iam_member" "pipelines_act_as_trainer" {
  service_account_id = "projects/ml-platform-prod-4821/serviceAccounts/trainer@ml-platform-prod-4821.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:pipelines@ml-platform-prod-4821.iam.gserviceaccount.com"
}
