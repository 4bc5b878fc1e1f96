resource "google_workbench_instance" "public" {
  name                 = "wb-public"
  location             = "us-central1-a"
  instance_owners      = ["analyst-2@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "e2-highmem-4"
    disable_public_ip = false
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 20 * * WED"
    }

    service_accounts {
      email = "workbench-2@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb    = 170
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-2"
    }

    data_disks {
      disk_size_gb    = 220
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-2-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/workbench-2"
    }
  }
}

resource "google_workbench_instance" "ip_unset" {
  name                 = "wb-ip-unset"
  location             = "us-central1-c"
  instance_owners      = ["analyst-3@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 21 * * THU"
    }

    service_accounts {
      email = "workbench-3@ml-platform-prod-4821.iam.gserviceaccount.com"
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

resource "google_notebooks_instance" "legacy_public" {
  name            = "nb-legacy-public"
  location        = "europe-west4-c"
  machine_type    = "e2-standard-2"
  no_proxy_access = false
  instance_owners = ["scientist-4@example.com"]
  service_account = "workbench-14@ml-platform-prod-4821.iam.gserviceaccount.com"
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

resource "google_workbench_instance" "bare" {
  name     = "wb-bare"
  location = "us-central1-b"
}
