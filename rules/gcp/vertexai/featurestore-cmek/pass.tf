resource "google_vertex_ai_featurestore" "primary" {
  name          = "customer_features_primary"
  region        = "europe-west4"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 1
  }

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/featurestore-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_featurestore" "secondary" {
  name          = "customer_features_secondary"
  region        = "europe-west4"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 2
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
