resource "google_artifact_registry_repository" "serving" {
  location      = "us-central1"
  repository_id = "serving"
  format        = "DOCKER"
  docker_config {
    immutable_tags = true
  }
}

# Not a Docker repository: no tags to move.
resource "google_artifact_registry_repository" "wheels" {
  location      = "us-central1"
  repository_id = "wheels"
  format        = "PYTHON"
}
