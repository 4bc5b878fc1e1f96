# Public endpoint turned off and no network or Private Service Connect: nothing can reach it
# from the internet (it cannot serve queries at all: MLP-GCP-VAI-013 says so, at info).
resource "google_vertex_ai_index_endpoint" "disabled" {
  display_name            = "search-disabled"
  region                  = "us-central1"
  public_endpoint_enabled = false
}

resource "google_vertex_ai_index_endpoint" "unset" {
  display_name = "search-unset"
  region       = "us-central1"
}
