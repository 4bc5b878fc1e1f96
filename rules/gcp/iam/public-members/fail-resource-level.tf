# The training data bucket readable by anyone, the model bucket writable by anyone (through the
# authoritative policy), an endpoint anyone with a Google account may call, and a service
# account anyone may act as.
resource "google_storage_bucket_iam_member" "training_data_public" {
  bucket = "ml-platform-training-data"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

data "google_iam_policy" "models" {
  binding {
    role    = "roles/storage.objectAdmin"
    members = ["allUsers", "group:ml-platform@example.com"]
  }
}

resource "google_storage_bucket_iam_policy" "models" {
  bucket      = "ml-platform-models"
  policy_data = data.google_iam_policy.models.policy_data
}

resource "google_vertex_ai_endpoint_iam_member" "churn_predict" {
  project  = "ml-platform-prod-4821"
  location = "europe-west4"
  endpoint = "4177306151384358912"
  role     = "roles/aiplatform.user"
  member   = "allAuthenticatedUsers"
}

resource "google_service_account_iam_binding" "trainer_act_as" {
  service_account_id = "projects/ml-platform-prod-4821/serviceAccounts/trainer@ml-platform-prod-4821.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser"
  members            = ["allAuthenticatedUsers"]
}
