resource "google_vertex_ai_index_endpoint" "peered" {
  display_name = "search-peered"
  region       = "europe-west4"
  description  = "Vector search (peered)"
  network      = "projects/4823917/global/networks/ml-serving"
}

resource "google_vertex_ai_index_endpoint" "psc" {
  display_name = "search-psc"
  region       = "europe-west4"
  description  = "Vector search (psc)"

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["search-frontend-2290"]
  }
}
resource "google_vertex_ai_index_endpoint" "public" {
  display_name            = "search-public"
  region                  = "us-central1"
  description             = "Vector search (public)"
  public_endpoint_enabled = true
}
