resource "google_vertex_ai_metadata_store" "unencrypted" {
  name        = "lineage-unencrypted"
  region      = "us-central1"
  description = "ML Metadata of pipelines (2)"
}

resource "google_vertex_ai_metadata_store" "defaults" {
  name        = "lineage-defaults"
  region      = "us-central1"
  description = "ML Metadata of pipelines (3)"
}
