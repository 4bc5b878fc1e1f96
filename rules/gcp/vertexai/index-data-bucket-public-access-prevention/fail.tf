resource "google_storage_bucket" "embeddings_inherited" {
  name     = "embeddings-inherited-5521"
  location = "US-CENTRAL1"
}

resource "google_vertex_ai_index" "inherited" {
  display_name        = "inherited"
  region              = "us-central1"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.embeddings_inherited.name}/contents"

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
