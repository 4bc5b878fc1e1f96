# Needs the reach of identities (can_write) from the IAM analysis.
resource "google_storage_bucket" "training" {
  name                        = "fraud-training-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_service_account" "notebook" {
  account_id   = "wb-fraud"
  display_name = "Workbench fraud team"
}

resource "google_storage_bucket_iam_member" "notebook_writes" {
  bucket = google_storage_bucket.training.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.notebook.member
}

# An external IP by default.
resource "google_workbench_instance" "fraud" {
  name     = "wb-fraud"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"

    service_accounts {
      email = google_service_account.notebook.email
    }
  }
}
