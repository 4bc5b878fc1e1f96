resource "google_project_iam_member" "scientists_act_as" {
  project = "ml-platform-prod-4821"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:data-scientists@example.com"
}

resource "google_project_iam_binding" "token_creators" {
  project = "ml-platform-prod-4821"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["serviceAccount:orchestrator@ml-platform-prod-4821.iam.gserviceaccount.com"]
}
