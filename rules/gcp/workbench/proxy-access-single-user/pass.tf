resource "google_workbench_instance" "owned" {
  name                 = "wb-owned"
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

resource "google_workbench_instance" "no_proxy" {
  name                 = "wb-no-proxy"
  location             = "europe-west4-b"
  disable_proxy_access = true

  gce_setup {
    machine_type      = "n1-standard-8"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 19 * * TUE"
    }

    service_accounts {
      email = "workbench-1@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb    = 160
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-1"
    }

    data_disks {
      disk_size_gb    = 210
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-1-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/workbench-1"
    }
  }
}

resource "google_notebooks_instance" "legacy_owned" {
  name            = "nb-legacy-owned"
  location        = "us-central1-a"
  machine_type    = "n1-highmem-8"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-2@example.com"]
  service_account = "workbench-12@ml-platform-prod-4821.iam.gserviceaccount.com"
  disk_encryption = "CMEK"
  kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-2"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/notebooks-2"
  metadata = {
    "notebook-disable-root"      = "true"
    "notebook-disable-downloads" = "true"
    "notebook-disable-terminal"  = "true"
    "notebook-upgrade-schedule"  = "30 3 * * SUN"
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

resource "google_notebooks_instance" "legacy_no_proxy" {
  name            = "nb-legacy-no-proxy"
  location        = "us-central1-c"
  machine_type    = "n1-standard-4"
  no_public_ip    = true
  no_proxy_access = true
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
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}
