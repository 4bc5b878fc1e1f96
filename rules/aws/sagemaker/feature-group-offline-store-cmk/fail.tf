# Offline store without a KMS key.
resource "aws_sagemaker_feature_group" "no_key" {
  feature_group_name             = "customer-transactions-plain"
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

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://ml-feature-store-111122223333/offline-plain"
    }
  }

  # The online store has a key: it must not stand in for the offline one.
  online_store_config {
    enable_online_store = true
    security_config {
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
    }
  }
}
