# A small Vertex AI / Workbench estate on Google Cloud. weak.tf holds resources as they are
# often first written (settings left to the service defaults), hardened.tf the same workloads
# hardened. tests/test_iac_estate_gcp.py asserts which rule fails on which resource.
terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}

variable "project" {
  type    = string
  default = "ml-platform-prod-4821"
}

variable "region" {
  type    = string
  default = "europe-west4"
}

variable "teams" {
  type    = set(string)
  default = ["fraud", "pricing"]
}

locals {
  network = "projects/${var.project}/global/networks/ml-private"
  # What every hardened notebook sets in its metadata.
  locked_down_metadata = {
    notebook-disable-root      = "true"
    notebook-disable-downloads = "true"
    notebook-disable-terminal  = "true"
    notebook-upgrade-schedule  = "00 19 * * MON"
  }
}

resource "google_kms_key_ring" "ml" {
  name     = "ml-platform"
  location = var.region
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "notebooks" {
  name            = "notebooks"
  key_ring        = google_kms_key_ring.ml.id
  rotation_period = "7776000s"
}

resource "google_service_account" "notebook" {
  for_each     = var.teams
  account_id   = "notebook-${each.key}"
  display_name = "Workbench notebook of team ${each.key}"
}
