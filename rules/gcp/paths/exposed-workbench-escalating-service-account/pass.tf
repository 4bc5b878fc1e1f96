resource "google_service_account" "notebook" {
  account_id   = "wb-fraud"
  display_name = "Workbench fraud team"
}

resource "google_project_iam_member" "notebook_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = google_service_account.notebook.member
}

# The editor account, but no external IP.
resource "google_workbench_instance" "private" {
  name     = "wb-private"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true

    service_accounts {
      email = google_service_account.notebook.email
    }
  }
}

resource "google_service_account" "reader" {
  account_id   = "wb-reader"
  display_name = "Workbench reader"
}

resource "google_project_iam_member" "reader_viewer" {
  project = "ml-platform-prod-4821"
  role    = "roles/storage.objectViewer"
  member  = google_service_account.reader.member
}

# An external IP, but its account only reads objects.
resource "google_workbench_instance" "reader" {
  name     = "wb-reader"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"

    service_accounts {
      email = google_service_account.reader.email
    }
  }
}
