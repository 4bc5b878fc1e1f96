resource "google_vertex_ai_index_endpoint" "disabled" {
  display_name            = "search-disabled"
  region                  = "us-central1"
  public_endpoint_enabled = false
}

resource "google_vertex_ai_index_endpoint" "unset" {
  display_name = "search-unset"
  region       = "us-central1"
}
