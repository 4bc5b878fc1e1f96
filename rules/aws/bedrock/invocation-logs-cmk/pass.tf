resource "aws_kms_key" "logs" {
  description         = "bedrock invocation logs"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "invocation_logs" {
  bucket = "acme-bedrock-invocation-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invocation_logs" {
  bucket = aws_s3_bucket.invocation_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_cloudwatch_log_group" "invocations" {
  name              = "/bedrock/invocations"
  kms_key_id        = aws_kms_key.logs.arn
  retention_in_days = 365
}

# Both destinations, each with the customer managed key.
resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.invocation_logs.id
      key_prefix  = "bedrock"
    }
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.invocations.name
      role_arn       = "arn:aws:iam::123456789012:role/bedrock-logging"
    }
  }
}
