variable "notebook_service_account" {
  type = string
}

resource "google_workbench_instance" "from_variable" {
  name                 = "wb-from-plan"
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
      email = var.notebook_service_account
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

resource "google_service_account" "notebook" {
  account_id   = "notebook-fraud"
  display_name = "Fraud notebook"
}
