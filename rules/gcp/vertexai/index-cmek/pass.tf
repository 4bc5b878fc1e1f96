resource "google_vertex_ai_index" "primary" {
  display_name        = "product-embeddings-primary"
  region              = "europe-west4"
  index_update_method = "STREAM_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-primary-5521/contents"

    config {
      dimensions            = 768
      distance_measure_type = "DOT_PRODUCT_DISTANCE"

      algorithm_config {
        brute_force_config {
        }
      }
    }
  }

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/index-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_index" "secondary" {
  display_name        = "product-embeddings-secondary"
  region              = "europe-west4"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-secondary-5521/contents"

    config {
      dimensions            = 384
      distance_measure_type = "DOT_PRODUCT_DISTANCE"

      algorithm_config {
        brute_force_config {
        }
      }
    }
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
