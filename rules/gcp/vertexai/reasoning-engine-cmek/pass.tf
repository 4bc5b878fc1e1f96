resource "google_vertex_ai_reasoning_engine" "support_agent" {
  display_name = "support-agent"
  region       = "europe-west4"

  encryption_spec {
    kms_key_name = "projects/kms-central-9034/locations/europe-west4/keyRings/vertex/cryptoKeys/agents"
  }

  spec {
    service_account = "agent-support@ml-platform-prod-4821.iam.gserviceaccount.com"
    package_spec {
      python_version        = "3.11"
      pickle_object_gcs_uri = "gs://ml-platform-agents/support/pickle.pkl"
    }
  }
}
