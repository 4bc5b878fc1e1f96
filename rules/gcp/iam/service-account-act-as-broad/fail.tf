# The training account's act-as roles given to a group, a whole domain and a pool.
resource "google_service_account" "trainer" {
  account_id = "trainer"
}

resource "google_service_account_iam_member" "scientists_act_as_trainer" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:data-scientists@example.com"
}

resource "google_service_account_iam_binding" "domain_tokens" {
  service_account_id = google_service_account.trainer.name
  role               = "roles/iam.serviceAccountTokenCreator"
  members            = ["user:lead@example.com", "domain:example.com"]
}

data "google_iam_policy" "pipelines" {
  binding {
    role    = "roles/iam.serviceAccountUser"
    members = ["principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/*"]
  }
}

resource "google_service_account_iam_policy" "pipelines" {
  service_account_id = "projects/ml-platform-prod-4821/serviceAccounts/pipelines@ml-platform-prod-4821.iam.gserviceaccount.com"
  policy_data        = data.google_iam_policy.pipelines.policy_data
}
