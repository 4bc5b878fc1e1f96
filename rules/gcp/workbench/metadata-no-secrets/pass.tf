resource "google_workbench_instance" "settings_only" {
  name     = "wb-settings-only"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = {
      notebook-disable-root      = "true"
      notebook-disable-downloads = "true"
      post-startup-script        = "gs://ml-platform-scripts/post-startup.sh"
      api-key-secret             = "projects/ml-platform-prod-4821/secrets/hub-token/versions/latest"
    }
  }
}

resource "google_workbench_instance" "no_metadata" {
  name     = "wb-no-metadata"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
  }
}
