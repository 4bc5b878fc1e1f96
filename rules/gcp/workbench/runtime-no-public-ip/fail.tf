resource "google_notebooks_runtime" "public" {
  name     = "rt-public"
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
      internal_ip_only = false
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

resource "google_notebooks_runtime" "ip_unset" {
  name     = "rt-ip-unset"
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
      machine_type = "n1-standard-4"
      network      = "projects/ml-platform-prod-4821/global/networks/ml-private"
      subnet       = "projects/ml-platform-prod-4821/regions/us-central1/subnetworks/runtimes-3"

      encryption_config {
        kms_key = "projects/kms-central-9034/locations/us-central1/keyRings/runtimes/cryptoKeys/rt-3"
      }

      data_disk {
        initialize_params {
          disk_size_gb = 130
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}

resource "google_notebooks_runtime" "bare" {
  name     = "rt-bare"
  location = "europe-west4"

  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "intern-4@example.com"
  }

  virtual_machine {
    virtual_machine_config {
      machine_type = "n1-standard-4"

      data_disk {
        initialize_params {
          disk_size_gb = 100
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}
