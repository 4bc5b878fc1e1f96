# Attack paths (MLP-GCP-PATH-003): the research notebook keeps its external IP and runs as a
# service account that is an editor of the project: instance -> service account -> a grant of
# a basic role. Each twin below breaks that path at one hop of its own; all four are
# otherwise set up like the team notebooks (iac/gcp/hardened.tf).
resource "google_service_account" "research" {
  account_id   = "notebook-research"
  display_name = "Workbench research notebook"
}

resource "google_project_iam_member" "research_editor" {
  project = var.project
  role    = "roles/editor"
  member  = google_service_account.research.member
}

resource "google_service_account" "research_viewer" {
  account_id   = "notebook-research-viewer"
  display_name = "Workbench research notebook, Vertex AI user only"
}

resource "google_project_iam_member" "research_viewer_vertex_user" {
  project = var.project
  role    = "roles/aiplatform.user"
  member  = google_service_account.research_viewer.member
}

# The full path: an external IP (the default) and the editor account.
resource "google_workbench_instance" "research_exposed" {
  name            = "research-exposed"
  location        = "${var.region}-a"
  instance_owners = ["lead-research@example.com"]

  gce_setup {
    machine_type = "e2-standard-4"
    metadata     = local.locked_down_metadata

    service_accounts {
      email = google_service_account.research.email
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    network_interfaces {
      network = local.network
    }
  }
}

# Breaks the entry: the same account, no external IP.
resource "google_workbench_instance" "research_private" {
  name            = "research-private"
  location        = "${var.region}-a"
  instance_owners = ["lead-research@example.com"]

  gce_setup {
    machine_type = "e2-standard-4"
    disable_public_ip = true
    metadata     = local.locked_down_metadata

    service_accounts {
      email = google_service_account.research.email
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    network_interfaces {
      network = local.network
    }
  }
}

# Breaks hop 1: an external IP, an account that is not in this code.
resource "google_workbench_instance" "research_external" {
  name            = "research-external"
  location        = "${var.region}-a"
  instance_owners = ["lead-research@example.com"]

  gce_setup {
    machine_type = "e2-standard-4"
    metadata     = local.locked_down_metadata

    service_accounts {
      email = "runner@another-project-2231.iam.gserviceaccount.com"
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    network_interfaces {
      network = local.network
    }
  }
}

# Breaks hop 2: an external IP, an account holding only roles/aiplatform.user.
resource "google_workbench_instance" "research_viewer" {
  name            = "research-viewer"
  location        = "${var.region}-a"
  instance_owners = ["lead-research@example.com"]

  gce_setup {
    machine_type = "e2-standard-4"
    metadata     = local.locked_down_metadata

    service_accounts {
      email = google_service_account.research_viewer.email
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    network_interfaces {
      network = local.network
    }
  }
}
