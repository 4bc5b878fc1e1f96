resource "google_workbench_instance" "on" {
  name                 = "wb-on"
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

resource "google_notebooks_instance" "legacy_on" {
  name            = "nb-legacy-on"
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

resource "google_workbench_instance" "block_without_it" {
  name                 = "wb-block-without-it"
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
      disk_size_gb    = 190
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-4"
    }

    data_disks {
      disk_size_gb    = 240
      disk_encryption = "CMEK"
      kms_key         = "projects/kms-central-9034/locations/europe-west4/keyRings/workbench/cryptoKeys/team-4-data"
    }

    shielded_instance_config {
      enable_secure_boot = true
      enable_vtpm        = true
    }

    network_interfaces {
      network = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet  = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/workbench-4"
    }
  }
}

resource "google_notebooks_instance" "legacy_block_without_it" {
  name            = "nb-legacy-block-without-it"
  location        = "us-central1-b"
  machine_type    = "n1-highmem-8"
  no_public_ip    = true
  no_proxy_access = false
  instance_owners = ["scientist-5@example.com"]
  service_account = "workbench-15@ml-platform-prod-4821.iam.gserviceaccount.com"
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
    enable_secure_boot = true
    enable_vtpm        = true
  }
}

resource "google_notebooks_instance" "legacy_bare" {
  name         = "nb-legacy-bare"
  location     = "europe-west4-a"
  machine_type = "e2-medium"

  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
}
