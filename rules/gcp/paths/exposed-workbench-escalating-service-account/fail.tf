resource "google_service_account" "notebook" {
  account_id   = "wb-fraud"
  display_name = "Workbench fraud team"
}

# An external IP by default; its service account is an editor of the project.
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

resource "google_project_iam_member" "notebook_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = google_service_account.notebook.member
}
