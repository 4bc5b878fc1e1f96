resource "google_vertex_ai_tensorboard" "unencrypted" {
  display_name = "training-runs-unencrypted"
  region       = "us-central1"
  description  = "Experiments of team 2"
}

resource "google_vertex_ai_tensorboard" "defaults" {
  display_name = "training-runs-defaults"
  region       = "us-central1"
  description  = "Experiments of team 3"
}
