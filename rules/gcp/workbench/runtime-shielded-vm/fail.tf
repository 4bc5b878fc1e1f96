resource "google_notebooks_runtime" "no_block" {
  name     = "rt-no-block"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "researcher-2@example.com"
  }

  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 4 * * SAT"
    idle_shutdown             = true
    idle_shutdown_timeout     = 120
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-highmem-4"
      internal_ip_only = true
      network          = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet           = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/runtimes-2"

      encryption_config {
        kms_key = "projects/kms-central-9034/locations/europe-west4/keyRings/runtimes/cryptoKeys/rt-2"
      }

      data_disk {
        initialize_params {
          disk_size_gb = 120
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}

resource "google_notebooks_runtime" "secure_boot_off" {
  name     = "rt-secure-boot-off"
  location = "us-central1"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "researcher-3@example.com"
  }

  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 5 * * SAT"
    idle_shutdown             = true
    idle_shutdown_timeout     = 150
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = true
      network          = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet           = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/runtimes-3"

      encryption_config {
        kms_key = "projects/kms-central-9034/locations/us-central1/keyRings/runtimes/cryptoKeys/rt-3"
      }

      data_disk {
        initialize_params {
          disk_size_gb = 130
          disk_type    = "PD_STANDARD"
        }
      }

      shielded_instance_config {
        enable_secure_boot          = false
        enable_vtpm                 = true
        enable_integrity_monitoring = true
      }
    }
  }
}

resource "google_notebooks_runtime" "vtpm_off" {
  name     = "rt-vtpm-off"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "researcher-4@example.com"
  }

  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 6 * * SAT"
    idle_shutdown             = true
    idle_shutdown_timeout     = 180
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "e2-standard-8"
      internal_ip_only = true
      network          = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet           = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/runtimes-4"

      encryption_config {
        kms_key = "projects/kms-central-9034/locations/europe-west4/keyRings/runtimes/cryptoKeys/rt-4"
      }

      data_disk {
        initialize_params {
          disk_size_gb = 140
          disk_type    = "PD_STANDARD"
        }
      }

      shielded_instance_config {
        enable_secure_boot          = true
        enable_vtpm                 = false
        enable_integrity_monitoring = true
      }
    }
  }
}

resource "google_notebooks_runtime" "integrity_off" {
  name     = "rt-integrity-off"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "researcher-0@example.com"
  }

  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 2 * * SAT"
    idle_shutdown             = true
    idle_shutdown_timeout     = 60
  }

  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = true
      network          = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet           = "projects/ml-platform-prod-4821/regions/europe-west4/subnetworks/runtimes-0"

      encryption_config {
        kms_key = "projects/kms-central-9034/locations/europe-west4/keyRings/runtimes/cryptoKeys/rt-0"
      }

      data_disk {
        initialize_params {
          disk_size_gb = 100
          disk_type    = "PD_STANDARD"
        }
      }

      shielded_instance_config {
        enable_secure_boot          = true
        enable_vtpm                 = true
        enable_integrity_monitoring = false
      }
    }
  }
}
