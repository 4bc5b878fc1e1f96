resource "google_project_iam_audit_config" "vertex_reads_only" {
  project = "ml-platform-prod-4821"
  service = "aiplatform.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
  }
}

resource "google_project_iam_audit_config" "vertex_exempted" {
  project = "ml-platform-dev-1177"
  service = "aiplatform.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
    exempted_members = [
      "serviceAccount:pipeline@ml-platform-dev-1177.iam.gserviceaccount.com",
    ]
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_folder_iam_audit_config" "all_admin_only" {
  folder  = "folders/381924756012"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
}
