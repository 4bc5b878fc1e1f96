resource "google_vertex_ai_endpoint" "no_logging" {
  name         = "620011"
  display_name = "no-logging"
  location     = "europe-west4"
  network      = "projects/4823917/global/networks/ml-serving"
}

resource "google_vertex_ai_endpoint" "logging_off" {
  name         = "620012"
  display_name = "logging-off"
  location     = "europe-west4"
  network      = "projects/4823917/global/networks/ml-serving"

  predict_request_response_logging_config {
    enabled       = false
    sampling_rate = 0.5
    bigquery_destination {
      output_uri = "bq://ml-platform-prod-4821.prediction_logs.churn"
    }
  }
}
