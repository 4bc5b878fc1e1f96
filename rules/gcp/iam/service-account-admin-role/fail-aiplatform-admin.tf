# Vertex AI Administrator for the user-managed service account a workload runs as: whoever
# controls the workload can deploy, replace or delete every model and endpoint of the project.
resource "google_service_account" "scoring" {
  account_id   = "scoring-api"
  display_name = "Scoring API (Cloud Run)"
}

resource "google_project_iam_member" "scoring_vertex_admin" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.admin"
  member  = google_service_account.scoring.member
}

resource "google_project_iam_binding" "batch_vertex_admin" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.admin"
  members = ["serviceAccount:batch-scoring@ml-platform-prod-4821.iam.gserviceaccount.com"]
}
