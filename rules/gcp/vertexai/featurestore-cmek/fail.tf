resource "google_vertex_ai_featurestore" "unencrypted" {
  name          = "customer_features_unencrypted"
  region        = "us-central1"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 3
  }
}

resource "google_vertex_ai_featurestore" "defaults" {
  name          = "customer_features_defaults"
  region        = "us-central1"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 4
  }
}
