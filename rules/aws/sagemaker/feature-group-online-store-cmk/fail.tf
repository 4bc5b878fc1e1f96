# Online store enabled, storage type omitted (Standard), no security_config.
resource "aws_sagemaker_feature_group" "default_storage" {
  feature_group_name             = "customer-profile-plain"
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
    enable_online_store = true
  }
}

# Standard storage without a key; the offline store's key must not stand in for it.
resource "aws_sagemaker_feature_group" "standard_no_key" {
  feature_group_name             = "merchant-stats-plain"
  record_identifier_feature_name = "merchant_id"
  event_time_feature_name        = "computed_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "merchant_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "computed_at"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = true
    storage_type        = "Standard"
  }

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://ml-feature-store-111122223333/merchant"
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
    }
  }
}
