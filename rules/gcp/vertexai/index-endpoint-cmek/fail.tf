resource "google_vertex_ai_index_endpoint" "unencrypted" {
  display_name = "search-unencrypted"
  region       = "us-central1"
  description  = "Vector search (unencrypted)"
  network      = "projects/4823917/global/networks/ml-serving"
}

resource "google_vertex_ai_index_endpoint" "defaults" {
  display_name = "search-defaults"
  region       = "us-central1"
  description  = "Vector search (defaults)"
  network      = "projects/4823917/global/networks/ml-serving"
}
