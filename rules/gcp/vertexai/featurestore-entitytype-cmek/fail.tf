resource "google_vertex_ai_featurestore" "shared" {
  name          = "customer_features_shared"
  region        = "europe-west4"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 2
  }
}

resource "google_vertex_ai_featurestore_entitytype" "device" {
  name                     = "device"
  featurestore             = google_vertex_ai_featurestore.shared.id
  description              = "device features"
  offline_storage_ttl_days = 30
}

resource "google_vertex_ai_featurestore_entitytype" "session" {
  name                     = "session"
  featurestore             = google_vertex_ai_featurestore.shared.id
  description              = "session features"
  offline_storage_ttl_days = 7
}
