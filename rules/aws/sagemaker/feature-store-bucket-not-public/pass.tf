resource "aws_s3_bucket" "offline" {
  bucket = "ml-features-private"
}
resource "aws_sagemaker_feature_group" "customers" {
  feature_group_name             = "customers"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::123456789012:role/ml-feature-store"
  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }
  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://${aws_s3_bucket.offline.bucket}/offline"
    }
  }
}
