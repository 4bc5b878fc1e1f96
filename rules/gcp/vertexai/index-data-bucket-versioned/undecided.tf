# The bucket is not in the scanned code.
resource "google_vertex_ai_index" "elsewhere" {
  display_name        = "elsewhere"
  region              = "us-central1"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-of-another-team/contents"

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
