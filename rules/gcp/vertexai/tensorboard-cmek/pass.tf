resource "google_vertex_ai_tensorboard" "primary" {
  display_name = "training-runs-primary"
  region       = "europe-west4"
  description  = "Experiments of team 0"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/tensorboard-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_tensorboard" "secondary" {
  display_name = "training-runs-secondary"
  region       = "europe-west4"
  description  = "Experiments of team 1"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
