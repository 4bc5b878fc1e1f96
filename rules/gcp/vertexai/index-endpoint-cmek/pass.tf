resource "google_vertex_ai_index_endpoint" "primary" {
  display_name = "search-primary"
  region       = "europe-west4"
  description  = "Vector search (primary)"
  network      = "projects/4823917/global/networks/ml-serving"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/index-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_index_endpoint" "secondary" {
  display_name = "search-secondary"
  region       = "europe-west4"
  description  = "Vector search (secondary)"
  network      = "projects/4823917/global/networks/ml-serving"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
