resource "google_storage_bucket" "embeddings_unversioned" {
  name     = "embeddings-unversioned-5521"
  location = "US-CENTRAL1"
}

resource "google_vertex_ai_index" "unversioned" {
  display_name        = "unversioned"
  region              = "us-central1"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.embeddings_unversioned.name}/contents"

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

resource "google_storage_bucket" "embeddings_off" {
  name     = "embeddings-off-5521"
  location = "US-CENTRAL1"
  versioning {
    enabled = false
  }
}

resource "google_vertex_ai_index" "versioning_off" {
  display_name        = "versioning-off"
  region              = "us-central1"
  index_update_method = "BATCH_UPDATE"

  metadata {
    contents_delta_uri = "gs://embeddings-off-5521/contents"

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
