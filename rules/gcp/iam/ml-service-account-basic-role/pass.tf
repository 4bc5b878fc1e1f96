resource "google_service_account" "notebook" {
  account_id   = "wb-fraud"
  display_name = "Workbench fraud team"
}

resource "google_service_account" "ci" {
  account_id   = "ci-deployer"
  display_name = "CI deployer"
}

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

# Predefined roles for the notebook's account.
resource "google_project_iam_member" "notebook_vertex_user" {
  project = "ml-platform-prod-4821"
  role    = "roles/aiplatform.user"
  member  = google_service_account.notebook.member
}

resource "google_project_iam_binding" "object_viewers" {
  project = "ml-platform-prod-4821"
  role    = "roles/storage.objectViewer"
  members = ["serviceAccount:${google_service_account.notebook.email}"]
}

# Editor for an account no notebook runs as.
resource "google_project_iam_member" "ci_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = google_service_account.ci.member
}

# Owner for people, by literal members.
resource "google_project_iam_binding" "owners" {
  project = "ml-platform-prod-4821"
  role    = "roles/owner"
  members = ["group:platform-admins@example.com", "user:alice@example.com"]
}
