# The same workloads, hardened.

resource "google_vertex_ai_endpoint" "fraud" {
  name         = "4102118"
  display_name = "fraud"
  location     = var.region
  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = [var.project]
  }
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
  predict_request_response_logging_config {
    enabled       = true
    sampling_rate = 0.25
    bigquery_destination {
      output_uri = "bq://${var.project}.prediction_logs.fraud"
    }
  }
}

resource "google_vertex_ai_dataset" "transactions" {
  display_name        = "transactions"
  region              = var.region
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_featurestore" "customers" {
  name   = "customer_features"
  region = var.region
  online_serving_config {
    fixed_node_count = 2
  }
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_featurestore_entitytype" "customer" {
  name         = "customer"
  featurestore = google_vertex_ai_featurestore.customers.id
}

resource "google_vertex_ai_index_endpoint" "search" {
  display_name = "search"
  region       = var.region
  network      = local.network
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_metadata_store" "lineage" {
  name   = "lineage"
  region = var.region
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_workbench_instance" "team" {
  for_each        = var.teams
  name            = "notebook-${each.key}"
  location        = "${var.region}-a"
  instance_owners = ["lead-${each.key}@example.com"]

  gce_setup {
    machine_type      = "e2-standard-4"
    disable_public_ip = true
    metadata          = local.locked_down_metadata

    service_accounts {
      email = google_service_account.notebook[each.key].email
    }
    boot_disk {
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    data_disks {
      disk_size_gb    = 200
      disk_encryption = "CMEK"
      kms_key         = google_kms_crypto_key.notebooks.id
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_vtpm                 = true
      enable_integrity_monitoring = true
    }
    network_interfaces {
      network = local.network
    }
  }
}

resource "google_notebooks_runtime" "research" {
  name     = "research-runtime"
  location = var.region
  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "researcher@example.com"
  }
  software_config {
    disable_terminal          = true
    notebook_upgrade_schedule = "00 3 * * SAT"
  }
  virtual_machine {
    virtual_machine_config {
      machine_type     = "n1-standard-4"
      internal_ip_only = true
      network          = local.network
      subnet           = "projects/${var.project}/regions/${var.region}/subnetworks/runtimes"
      encryption_config {
        kms_key = google_kms_crypto_key.notebooks.id
      }
      shielded_instance_config {
        enable_secure_boot = true
      }
      data_disk {
        initialize_params {
          disk_size_gb = 100
          disk_type    = "PD_STANDARD"
        }
      }
    }
  }
}

# Each team notebook's own account gets the predefined role its work needs, no basic role.
resource "google_project_iam_member" "notebook_vertex_user" {
  for_each = var.teams
  project  = var.project
  role     = "roles/aiplatform.user"
  member   = google_service_account.notebook[each.key].member
}

# The retrieval pipeline's embeddings in a versioned bucket nobody outside can be granted,
# and serving images whose tags cannot be moved.
resource "google_storage_bucket" "embeddings" {
  name                        = "${var.project}-embeddings"
  location                    = "US-CENTRAL1"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
  versioning {
    enabled = true
  }
}

resource "google_vertex_ai_index" "products" {
  display_name        = "products"
  region              = var.region
  index_update_method = "BATCH_UPDATE"
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.embeddings.name}/products"
    config {
      dimensions            = 256
      distance_measure_type = "DOT_PRODUCT_DISTANCE"
      algorithm_config {
        brute_force_config {
        }
      }
    }
  }
}

resource "google_artifact_registry_repository" "serving" {
  location      = var.region
  repository_id = "serving"
  format        = "DOCKER"
  kms_key_name  = google_kms_crypto_key.vertex.id
  docker_config {
    immutable_tags = true
  }
}
