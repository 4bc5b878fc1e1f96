# Administrator of one bucket or one endpoint only: not the whole project.
resource "google_storage_bucket_iam_member" "trainer_owns_its_bucket" {
  bucket = "ml-platform-trainer-scratch"
  role   = "roles/storage.admin"
  member = "serviceAccount:trainer@ml-platform-prod-4821.iam.gserviceaccount.com"
}

resource "google_vertex_ai_endpoint_iam_member" "deployer" {
  project  = "ml-platform-prod-4821"
  location = "europe-west4"
  endpoint = "4177306151384358912"
  role     = "roles/aiplatform.admin"
  member   = "serviceAccount:deployer@ml-platform-prod-4821.iam.gserviceaccount.com"
}
