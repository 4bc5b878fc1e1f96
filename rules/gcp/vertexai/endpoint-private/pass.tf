resource "google_vertex_ai_endpoint" "peered" {
  name         = "410007"
  display_name = "churn-peered"
  location     = "europe-west4"
  description  = "Online prediction for churn (peered)"
  network      = "projects/4823917/global/networks/ml-serving"
}

resource "google_vertex_ai_endpoint" "psc" {
  name         = "410117"
  display_name = "churn-psc"
  location     = "europe-west4"
  description  = "Online prediction for churn (psc)"

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["ml-apps-prod-7731"]
  }
}
