# Vertex AI Agent Engine: the support agent deployed twice, once with the defaults (Google-managed
# encryption, the project's shared Reasoning Engine service agent) and once hardened.

resource "google_service_account" "support_agent" {
  account_id   = "support-agent"
  display_name = "Support agent on Agent Engine"
}

resource "google_vertex_ai_reasoning_engine" "support" {
  display_name = "support-agent"
  region       = var.region
  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
  spec {
    service_account = google_service_account.support_agent.email
    package_spec {
      python_version        = "3.11"
      pickle_object_gcs_uri = "gs://${var.project}-agents/support/pickle.pkl"
    }
  }
}

resource "google_vertex_ai_reasoning_engine" "support_prototype" {
  display_name = "support-agent-prototype"
  region       = var.region
  spec {
    package_spec {
      python_version        = "3.11"
      pickle_object_gcs_uri = "gs://${var.project}-agents/prototype/pickle.pkl"
    }
  }
}
