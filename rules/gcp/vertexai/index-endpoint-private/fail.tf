resource "google_vertex_ai_index_endpoint" "public" {
  display_name            = "search-public"
  region                  = "us-central1"
  description             = "Vector search (public)"
  public_endpoint_enabled = true
}
