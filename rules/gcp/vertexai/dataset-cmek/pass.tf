resource "google_vertex_ai_dataset" "primary" {
  display_name        = "claims-images-primary"
  region              = "europe-west4"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  labels = {
    team = "vision-0"
  }

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/dataset-primary"
  }
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex-cmek"
  key_ring        = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex"
  rotation_period = "7776000s"
}

resource "google_vertex_ai_dataset" "secondary" {
  display_name        = "claims-images-secondary"
  region              = "europe-west4"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  labels = {
    team = "vision-1"
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}
