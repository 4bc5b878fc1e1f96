resource "google_vertex_ai_endpoint" "primary" {
  name         = "410007"
  display_name = "churn-primary"
  location     = "europe-west4"
  description  = "Online prediction for churn (primary)"
  network      = "projects/4823917/global/networks/ml-serving"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/endpoint-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_endpoint" "secondary" {
  name         = "410117"
  display_name = "churn-secondary"
  location     = "europe-west4"
  description  = "Online prediction for churn (secondary)"
  network      = "projects/4823917/global/networks/ml-serving"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
