resource "aws_s3_bucket" "offline" {
  bucket = "ml-features-public"
}
resource "aws_s3_bucket_public_access_block" "offline" {
  bucket                  = aws_s3_bucket.offline.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "offline" {
  bucket = aws_s3_bucket.offline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.offline.arn}/*"
    }]
  })
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
