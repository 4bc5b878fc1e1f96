data "google_iam_policy" "org" {
  binding {
    role    = "roles/iam.serviceAccountTokenCreator"
    members = ["group:data-scientists@example.com"]
  }
}

resource "google_organization_iam_policy" "org" {
  org_id      = "123456789012"
  policy_data = data.google_iam_policy.org.policy_data
}
