"""Google reach: grants on the project reach its buckets; a grant on a bucket, that bucket."""

from __future__ import annotations

from tests.conftest import WriteTree
from tests.iam.reach_helpers import reach_of

ESTATE = """
resource "google_service_account" "trainer" { account_id = "trainer" }
resource "google_storage_bucket" "data" {
  name     = "ml-data"
  location = "EU"
}
resource "google_storage_bucket" "models" {
  name     = "ml-models"
  location = "EU"
}
resource "google_artifact_registry_repository" "images" {
  repository_id = "images"
  format        = "DOCKER"
  location      = "europe-west1"
}
"""
SA = "google_service_account.trainer"


def test_object_admin_on_the_project_reaches_every_bucket(write_tree: WriteTree) -> None:
    grant = """
resource "google_project_iam_member" "obj" {
  project = "ml-prod"
  role    = "roles/storage.objectAdmin"
  member  = "serviceAccount:${google_service_account.trainer.email}"
}
"""
    reach = reach_of(write_tree({"main.tf": ESTATE + grant}))
    why = "roles/storage.objectAdmin on project ml-prod"
    assert reach == {
        (SA, field, f"google_storage_bucket.{b}"): why
        for field in ("can_read", "can_write")
        for b in ("data", "models")
    }


def test_a_bucket_grant_reaches_that_bucket_only(write_tree: WriteTree) -> None:
    grant = """
resource "google_storage_bucket_iam_member" "one" {
  bucket = google_storage_bucket.models.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.trainer.member
}
resource "google_artifact_registry_repository_iam_member" "push" {
  repository = google_artifact_registry_repository.images.name
  location   = "europe-west1"
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:trainer@ml-prod.iam.gserviceaccount.com"
}
"""
    reach = reach_of(write_tree({"main.tf": ESTATE + grant}))
    bucket = "roles/storage.objectAdmin on bucket ml-models"
    repo = "roles/artifactregistry.writer on repository images"
    assert reach == {
        (SA, "can_read", "google_storage_bucket.models"): bucket,
        (SA, "can_write", "google_storage_bucket.models"): bucket,
        (SA, "can_read", "google_artifact_registry_repository.images"): repo,
        (SA, "can_write", "google_artifact_registry_repository.images"): repo,
    }


def test_a_grant_in_another_project_does_not_reach(write_tree: WriteTree) -> None:
    tf = (
        ESTATE.replace('location = "EU"\n}', 'location = "EU"\n  project  = "ml-prod"\n}')
        + """
resource "google_project_iam_member" "viewer" {
  project = "ml-dev"
  role    = "roles/storage.objectViewer"
  member  = google_service_account.trainer.member
}
"""
    )
    assert reach_of(write_tree({"main.tf": tf})) == {}
