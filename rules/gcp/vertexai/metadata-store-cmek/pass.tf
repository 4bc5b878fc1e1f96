resource "google_vertex_ai_metadata_store" "primary" {
  name        = "lineage-primary"
  region      = "europe-west4"
  description = "ML Metadata of pipelines (0)"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/metadata-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_metadata_store" "secondary" {
  name        = "lineage-secondary"
  region      = "europe-west4"
  description = "ML Metadata of pipelines (1)"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
