resource "google_vertex_ai_featurestore" "protected" {
  name          = "customer_features_protected"
  region        = "europe-west4"
  force_destroy = false

  online_serving_config {
    fixed_node_count = 1
  }

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/features"
  }
}

resource "google_vertex_ai_featurestore_entitytype" "customer" {
  name                     = "customer"
  featurestore             = google_vertex_ai_featurestore.protected.id
  description              = "customer features"
  offline_storage_ttl_days = 365
}

resource "google_vertex_ai_featurestore_entitytype" "transaction" {
  name                     = "transaction"
  featurestore             = google_vertex_ai_featurestore.protected.id
  description              = "transaction features"
  offline_storage_ttl_days = 90
}
