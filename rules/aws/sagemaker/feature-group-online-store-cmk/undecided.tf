variable "enable_online_store" {
  type = bool
}

# Whether the online store is on is known only from the variable.
resource "aws_sagemaker_feature_group" "configurable" {
  feature_group_name             = "customer-profile-configurable"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = var.enable_online_store
  }
}
