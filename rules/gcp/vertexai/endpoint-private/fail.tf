resource "google_vertex_ai_endpoint" "public" {
  name         = "410227"
  display_name = "churn-public"
  location     = "us-central1"
  description  = "Online prediction for churn (public)"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/us-central1/keyRings/vertex-us/cryptoKeys/endpoints"
  }
}

resource "google_vertex_ai_endpoint" "dedicated" {
  name                       = "410337"
  display_name               = "churn-dedicated"
  location                   = "us-central1"
  description                = "Online prediction for churn (dedicated)"
  dedicated_endpoint_enabled = true
}

resource "google_vertex_ai_endpoint" "psc_off" {
  name         = "410117"
  display_name = "churn-psc_off"
  location     = "europe-west4"
  description  = "Online prediction for churn (psc_off)"

  private_service_connect_config {
    enable_private_service_connect = false
  }
}
