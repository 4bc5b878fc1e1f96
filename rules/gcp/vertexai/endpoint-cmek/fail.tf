resource "google_vertex_ai_endpoint" "unencrypted" {
  name         = "410227"
  display_name = "churn-unencrypted"
  location     = "us-central1"
  description  = "Online prediction for churn (unencrypted)"
  network      = "projects/4823917/global/networks/ml-serving"
}

resource "google_vertex_ai_endpoint" "defaults" {
  name         = "410337"
  display_name = "churn-defaults"
  location     = "us-central1"
  description  = "Online prediction for churn (defaults)"
  network      = "projects/4823917/global/networks/ml-serving"
}
