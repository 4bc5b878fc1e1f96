resource "google_vertex_ai_index_endpoint" "public" {
  display_name            = "search-public"
  region                  = "us-central1"
  description             = "Vector search (public)"
  public_endpoint_enabled = true
}

resource "google_vertex_ai_index_endpoint" "unset" {
  display_name = "search-unset"
  region       = "us-central1"
  description  = "Vector search (unset)"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/us-central1/keyRings/vertex-us/cryptoKeys/search"
  }
}
