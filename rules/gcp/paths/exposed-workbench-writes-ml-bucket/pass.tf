resource "google_storage_bucket" "training" {
  name                        = "fraud-training-data"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_service_account" "writer" {
  account_id   = "wb-writer"
  display_name = "Workbench writer"
}

resource "google_storage_bucket_iam_member" "writer_writes" {
  bucket = google_storage_bucket.training.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.writer.member
}

# The writing account, but no external IP.
resource "google_workbench_instance" "private" {
  name     = "wb-private"
  location = "us-central1-a"

  gce_setup {
    machine_type      = "n2-standard-4"
    disable_public_ip = true

    service_accounts {
      email = google_service_account.writer.email
    }
  }
}

resource "google_service_account" "reader" {
  account_id   = "wb-reader"
  display_name = "Workbench reader"
}

resource "google_storage_bucket_iam_member" "reader_reads" {
  bucket = google_storage_bucket.training.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.reader.member
}

# An external IP, but its account only reads.
resource "google_workbench_instance" "reader" {
  name     = "wb-reader"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"

    service_accounts {
      email = google_service_account.reader.email
    }
  }
}
