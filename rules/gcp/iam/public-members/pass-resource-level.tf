# The same resources, granted to named principals.
resource "google_storage_bucket_iam_member" "training_data_readers" {
  bucket = "ml-platform-training-data"
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:trainer@ml-platform-prod-4821.iam.gserviceaccount.com"
}

data "google_iam_policy" "models" {
  binding {
    role    = "roles/storage.objectAdmin"
    members = ["group:ml-platform@example.com"]
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
  member   = "serviceAccount:scoring-api@ml-platform-prod-4821.iam.gserviceaccount.com"
}
