resource "google_workbench_instance" "dedicated" {
  name                 = "wb-dedicated"
  location             = "europe-west4-a"
  instance_owners      = ["analyst-0@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "e2-standard-4"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 18 * * MON"
    }

    service_accounts {
      email = "workbench-0@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb    = 150
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-0"
    }

    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-0-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/workbench-0"
    }
  }
}

resource "google_notebooks_instance" "legacy_dedicated" {
  name            = "nb-legacy-dedicated"
  location        = "europe-west4-b"
  machine_type    = "e2-standard-2"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-1@example.com"]
  service_account = "workbench-11@ml-platform-prod-4821.iam.gserviceaccount.com"
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-1"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/notebooks-1"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "30 2 * * SUN"
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

resource "google_service_account" "pipelines" {
  account_id = "wb-pipelines"
}

# The notebook's own account, created here: its email is known only at apply.
resource "google_workbench_instance" "own_account_by_reference" {
  name     = "wb-pipelines"
  location = "us-central1-a"

  gce_setup {
    service_accounts {
      email = google_service_account.pipelines.email
    }
  }
}
