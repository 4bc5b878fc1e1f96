resource "google_workbench_instance" "gmek" {
  name                 = "wb-gmek"
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
      email = "workbench-3@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb    = 160
      disk_encryption = "GMEK"
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

resource "google_workbench_instance" "key_without_cmek" {
  name                 = "wb-key-without-cmek"
  location             = "europe-west4-c"
  instance_owners      = ["analyst-4@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "e2-standard-8"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 22 * * FRI"
    }

    service_accounts {
      email = "workbench-4@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    boot_disk {
      disk_size_gb = 170
      kms_key      = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-4"
    }

    data_disks {
      disk_size_gb    = 240
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-4-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/workbench-4"
    }
  }
}

resource "google_workbench_instance" "no_block" {
  name                 = "wb-no-block"
  location             = "us-central1-b"
  instance_owners      = ["analyst-5@example.com"]
  disable_proxy_access = false

  gce_setup {
    machine_type      = "n1-standard-4"
    disable_public_ip = true
    metadata = {
      "notebook-disable-root"      = "true"
      "notebook-disable-downloads" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "00 18 * * SAT"
    }

    service_accounts {
      email = "workbench-5@ml-platform-prod-4821.iam.gserviceaccount.com"
    }

    data_disks {
      disk_size_gb    = 250
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/us-central1/keyRings/workbench/cryptoKeys/team-5-data"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/workbench-5"
    }
  }
}

resource "google_notebooks_instance" "legacy_gmek" {
  name            = "nb-legacy-gmek"
  location        = "europe-west4-a"
  machine_type    = "n1-standard-4"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-0@example.com"]
  service_account = "workbench-10@ml-platform-prod-4821.iam.gserviceaccount.com"
  disk_encryption = "GMEK"
  network         = "projects/ml-platform-prod-4821/global/networks/ml-private"
  subnet          = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/notebooks-0"
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

resource "google_notebooks_instance" "legacy_unspecified" {
  name            = "nb-legacy-unspecified"
  location        = "europe-west4-b"
  machine_type    = "e2-standard-2"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-1@example.com"]
  service_account = "workbench-11@ml-platform-prod-4821.iam.gserviceaccount.com"
  disk_encryption = "DISK_ENCRYPTION_UNSPECIFIED"
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
