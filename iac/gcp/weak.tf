# Written the quick way: every setting the examples leave out takes the service default.

resource "google_vertex_ai_endpoint" "churn" {
  name         = "4102117"
  display_name = "churn"
  location     = var.region
}

resource "google_vertex_ai_dataset" "claims" {
  display_name        = "claims-images"
  region              = var.region
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml"
}

resource "google_vertex_ai_featurestore" "scratch" {
  name   = "scratch_features"
  region = var.region
  online_serving_config {
    fixed_node_count = 1
  }
}

resource "google_vertex_ai_featurestore_entitytype" "sessions" {
  name         = "sessions"
  featurestore = google_vertex_ai_featurestore.scratch.id
}

resource "google_vertex_ai_index_endpoint" "search_public" {
  display_name            = "search-public"
  region                  = var.region
  public_endpoint_enabled = true
}

resource "google_vertex_ai_tensorboard" "experiments" {
  display_name = "experiments"
  region       = var.region
}

resource "google_workbench_instance" "sandbox" {
  name     = "sandbox"
  location = "${var.region}-a"
}

resource "google_notebooks_instance" "legacy" {
  name         = "legacy-analysis"
  location     = "${var.region}-b"
  machine_type = "n1-standard-4"
  vm_image {
    project      = "deeplearning-platform-release"
    image_family = "tf-latest-cpu"
  }
}

resource "google_notebooks_runtime" "shared" {
  name     = "shared-runtime"
  location = var.region
  access_config {
    access_type   = "SINGLE_USER"
    runtime_owner = "analyst@example.com"
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

# The Compute Engine default service account still holds Editor (granted automatically in older
# projects), and the sandbox notebook runs as it.
data "google_compute_default_service_account" "default" {}

resource "google_project_iam_member" "default_editor" {
  project = var.project
  role    = "roles/editor"
  member  = "serviceAccount:${data.google_compute_default_service_account.default.email}"
}

# A poisoned pipeline: the embeddings a retrieval index is built from in an unversioned bucket
# left to the organization policy, and serving images whose tags anyone who can push may move.
resource "google_storage_bucket" "scratch_embeddings" {
  name     = "${var.project}-scratch-embeddings"
  location = "US-CENTRAL1"
}

resource "google_vertex_ai_index" "scratch" {
  display_name        = "scratch"
  region              = var.region
  index_update_method = "STREAM_UPDATE"
  metadata {
    contents_delta_uri = "gs://${google_storage_bucket.scratch_embeddings.name}/scratch"
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

resource "google_artifact_registry_repository" "scratch_images" {
  location      = var.region
  repository_id = "scratch-images"
  format        = "DOCKER"
}
