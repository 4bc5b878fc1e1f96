resource "google_workbench_instance" "off" {
  name                 = "wb-off"
  location             = "us-central1-a"
  instance_owners      = ["analyst-2@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "e2-highmem-4"
    disable_public_ip = true
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
      enable_vtpm                 = false
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/workbench-2"
    }
  }
}

resource "google_notebooks_instance" "legacy_off" {
  name            = "nb-legacy-off"
  location        = "us-central1-c"
  machine_type    = "n1-standard-4"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-3@example.com"]
  service_account = "workbench-13@ml-platform-prod-4821.iam.gserviceaccount.com"
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-3"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/notebooks-3"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "30 4 * * SUN"
  }

  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "common-cpu-notebooks"
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = false
    enable_integrity_monitoring = true
  }
}
