resource "google_vertex_ai_index" "unencrypted" {
  display_name        = "product-embeddings-unencrypted"
  region              = "us-central1"
  index_update_method = "STREAM_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-unencrypted-5521/contents"

    config {
      dimensions            = 256
      distance_measure_type = "DOT_PRODUCT_DISTANCE"

      algorithm_config {
        brute_force_config {
        }
      }
    }
  }
}

resource "google_vertex_ai_index" "defaults" {
  display_name        = "product-embeddings-defaults"
  region              = "us-central1"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-defaults-5521/contents"

    config {
      dimensions            = 192
      distance_measure_type = "DOT_PRODUCT_DISTANCE"

      algorithm_config {
        brute_force_config {
        }
      }
    }
  }
}
