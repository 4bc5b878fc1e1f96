resource "google_artifact_registry_repository" "serving" {
  location      = "us-central1"
  repository_id = "serving"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository" "training" {
  location      = "us-central1"
  repository_id = "training"
  format        = "DOCKER"
  docker_config {
    immutable_tags = false
  }
}
