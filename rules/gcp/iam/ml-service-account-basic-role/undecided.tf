variable "member" {
  type = string
}

resource "google_service_account" "notebook" {
  account_id = "wb-fraud"
}

resource "google_workbench_instance" "fraud" {
  name     = "wb-fraud"
  location = "us-central1-a"

  gce_setup {
    service_accounts {
      email = google_service_account.notebook.email
    }
  }
}

# Whom Editor goes to is a variable.
resource "google_project_iam_member" "someone_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = var.member
}
