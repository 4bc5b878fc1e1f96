resource "google_workbench_instance" "explicit_default" {
  name                 = "wb-explicit-default"
  location             = "us-central1-c"
  instance_owners      = ["analyst-3@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 21 * * THU"
    }

    service_accounts {
      email = "483920175526-compute@developer.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb    = 180
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-3"
    }

    data_disks {
      disk_size_gb    = 230
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-3-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/workbench-3"
    }
  }
}

resource "google_notebooks_instance" "legacy_default" {
  name            = "nb-legacy-default"
  location        = "europe-west4-c"
  machine_type    = "e2-standard-2"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-4@example.com"]
  service_account = "902341876610-compute@developer.gserviceaccount.com"
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-4"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/notebooks-4"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "30 5 * * SUN"
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

resource "google_notebooks_instance" "legacy_unset" {
  name            = "nb-legacy-unset"
  location        = "us-central1-b"
  machine_type    = "n1-highmem-8"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-5@example.com"]
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-5"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/notebooks-5"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "30 1 * * SUN"
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

resource "google_workbench_instance" "bare" {
  name     = "wb-bare"
  location = "europe-west4-a"
}

data "google_compute_default_service_account" "default" {}

# The default account, looked up.
resource "google_workbench_instance" "looked_up_default" {
  name     = "wb-looked-up-default"
  location = "us-central1-a"

  gce_setup {
    service_accounts {
      email = data.google_compute_default_service_account.default.email
    }
  }
}
