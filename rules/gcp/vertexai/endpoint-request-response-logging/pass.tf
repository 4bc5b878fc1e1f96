resource "google_vertex_ai_endpoint" "logged" {
  name         = "620013"
  display_name = "logged"
  location     = "europe-west4"
  network      = "projects/4823917/global/networks/ml-serving"

  predict_request_response_logging_config {
    enabled       = true
    sampling_rate = 0.5
    bigquery_destination {
      output_uri = "bq://ml-platform-prod-4821.prediction_logs.churn"
    }
  }
}
