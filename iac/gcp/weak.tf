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
