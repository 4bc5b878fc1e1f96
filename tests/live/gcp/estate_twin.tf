# The Terraform twin of the fake organization in twin.py: what `mlposture scan` judges from
# code must match what `mlposture audit gcp` judges live, resource by resource.

# ---- ml-weak: every setting left to the service's default
resource "google_vertex_ai_endpoint" "weak" {
  name         = "100"
  project      = "ml-weak"
  display_name = "ep-weak"
  location     = "us-central1"
}

resource "google_vertex_ai_index_endpoint" "weak" {
  project                 = "ml-weak"
  display_name            = "ie-weak"
  region                  = "europe-west4"
  public_endpoint_enabled = true
}

resource "google_vertex_ai_dataset" "weak" {
  project             = "ml-weak"
  display_name        = "ds-weak"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
}

resource "google_vertex_ai_featurestore" "weak" {
  project = "ml-weak"
  name    = "fs_weak"
  region  = "us-central1"
}

resource "google_vertex_ai_featurestore_entitytype" "weak" {
  name         = "et_weak"
  featurestore = google_vertex_ai_featurestore.weak.id
}

resource "google_workbench_instance" "weak" {
  project  = "ml-weak"
  name     = "wb-weak"
  location = "us-central1-a"

  gce_setup {
    machine_type = "e2-standard-4"
  }
}

resource "google_notebooks_instance" "weak" {
  project      = "ml-weak"
  name         = "nb-weak"
  location     = "europe-west4-c"
  machine_type = "e2-standard-2"

  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "common-cpu-notebooks"
  }
}

resource "google_notebooks_runtime" "weak" {
  project  = "ml-weak"
  name     = "rt-weak"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "alice@example.com"
  }

  virtual_machine {
    virtual_machine_config {
      machine_type = "n1-standard-4"
    }
  }
}

# Editor for the Compute Engine default service account, which both weak notebooks run as.
resource "google_project_iam_member" "weak_editor" {
  project = "ml-weak"
  role    = "roles/editor"
  member  = "serviceAccount:111111111111-compute@developer.gserviceaccount.com"
}

# ---- ml-hardened
resource "google_vertex_ai_endpoint" "hardened" {
  name         = "101"
  project      = "ml-hardened"
  display_name = "ep-hardened"
  location     = "europe-west4"
  network      = "projects/ml-hardened/global/networks/ml-private"

  encryption_spec {
    kms_key_name = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/ep"
  }
}

resource "google_vertex_ai_index_endpoint" "hardened" {
  project      = "ml-hardened"
  display_name = "ie-hardened"
  region       = "europe-west4"

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["ml-hardened"]
  }

  encryption_spec {
    kms_key_name = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/ie"
  }
}

resource "google_vertex_ai_dataset" "hardened" {
  project             = "ml-hardened"
  display_name        = "ds-hardened"
  region              = "europe-west4"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"

  encryption_spec {
    kms_key_name = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/ds"
  }
}

resource "google_vertex_ai_featurestore" "hardened" {
  project = "ml-hardened"
  name    = "fs_hardened"
  region  = "europe-west4"

  encryption_spec {
    kms_key_name = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/fs"
  }
}

resource "google_vertex_ai_featurestore_entitytype" "hardened" {
  name         = "et_hardened"
  featurestore = google_vertex_ai_featurestore.hardened.id
}

resource "google_workbench_instance" "hardened" {
  project              = "ml-hardened"
  name                 = "wb-hardened"
  location             = "europe-west4-a"
  instance_owners      = ["analyst@example.com"]
  disable_proxy_access = true

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 19 * * SAT"
    }

    service_accounts {
      email = "wb-hardened@ml-hardened.iam.gserviceaccount.com"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/boot"
    }

    data_disks {
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/data"
    }

    network_interfaces {
      network = "projects/ml-hardened/global/networks/ml-private"
    }
  }
}

resource "google_notebooks_instance" "hardened" {
  project         = "ml-hardened"
  name            = "nb-hardened"
  location        = "europe-west4-b"
  machine_type    = "e2-standard-2"
  no_public_ip    = true
  no_proxy_access = true
  instance_owners = ["scientist@example.com"]
  service_account = "wb-hardened@ml-hardened.iam.gserviceaccount.com"
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/nb"
  network         = "projects/ml-hardened/global/networks/ml-private"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "00 19 * * SAT"
  }

  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "common-cpu-notebooks"
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}

resource "google_notebooks_runtime" "hardened" {
  project  = "ml-hardened"
  name     = "rt-hardened"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "bob@example.com"
  }

  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 3 * * SAT"
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = true
      network          = "projects/ml-hardened/global/networks/ml-private"

      encryption_config {
        kms_key = "projects/kms-9034/locations/europe-west4/keyRings/ml/cryptoKeys/rt"
      }

      shielded_instance_config {
        enable_secure_boot          = true
        enable_vtpm                 = true
        enable_integrity_monitoring = true
      }
    }
  }
}

resource "google_project_iam_member" "hardened_vertex_user" {
  project = "ml-hardened"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:wb-hardened@ml-hardened.iam.gserviceaccount.com"
}

# Editor for an account no notebook runs as.
resource "google_project_iam_member" "hardened_ci_editor" {
  project = "ml-hardened"
  role    = "roles/editor"
  member  = "serviceAccount:ci@ml-hardened.iam.gserviceaccount.com"
}
