resource "google_vertex_ai_dataset" "unencrypted" {
  display_name        = "claims-images-unencrypted"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  labels = {
    team = "vision-2"
  }
}

resource "google_vertex_ai_dataset" "defaults" {
  display_name        = "claims-images-defaults"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
  labels = {
    team = "vision-3"
  }
}
