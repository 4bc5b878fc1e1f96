resource "google_service_account" "notebook" {
  account_id   = "wb-fraud"
  display_name = "Workbench fraud team"
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

# Editor on the project for the notebook's own service account, through its `member`.
resource "google_project_iam_member" "notebook_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = google_service_account.notebook.member
}

# Owner through an email template.
resource "google_project_iam_binding" "owners" {
  project = "ml-platform-prod-4821"
  role    = "roles/owner"
  members = [
    "group:platform-admins@example.com",
    "serviceAccount:${google_service_account.notebook.email}",
  ]
}

resource "google_notebooks_instance" "legacy" {
  name            = "nb-legacy"
  location        = "europe-west4-c"
  machine_type    = "e2-standard-2"
  service_account = "nb-legacy@ml-platform-prod-4821.iam.gserviceaccount.com"

  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "common-cpu-notebooks"
  }
}

# Editor on the folder for the legacy notebook's account, named by its email.
resource "google_folder_iam_member" "legacy_editor" {
  folder = "folders/381924756012"
  role   = "roles/editor"
  member = "serviceAccount:nb-legacy@ml-platform-prod-4821.iam.gserviceaccount.com"
}

# An instance naming no service account runs as the Compute Engine default one.
resource "google_workbench_instance" "bare" {
  name     = "wb-bare"
  location = "europe-west4-a"
}

data "google_compute_default_service_account" "default" {}

resource "google_project_iam_member" "default_editor" {
  project = "ml-platform-prod-4821"
  role    = "roles/editor"
  member  = "serviceAccount:${data.google_compute_default_service_account.default.email}"
}
