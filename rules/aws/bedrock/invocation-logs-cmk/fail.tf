resource "aws_s3_bucket" "invocation_logs" {
  bucket = "acme-bedrock-invocation-logs"
}

# SSE-KMS with the AWS managed aws/s3 key (no kms_master_key_id).
resource "aws_s3_bucket_server_side_encryption_configuration" "invocation_logs" {
  bucket = aws_s3_bucket.invocation_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.invocation_logs.id
    }
  }
}

# A log group without a key, in a second region.
resource "aws_cloudwatch_log_group" "invocations_us" {
  region            = "us-east-1"
  name              = "/bedrock/invocations-us"
  retention_in_days = 90
}

resource "aws_bedrock_model_invocation_logging_configuration" "us" {
  region = "us-east-1"
  logging_config {
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.invocations_us.name
      role_arn       = "arn:aws:iam::123456789012:role/bedrock-logging"
    }
  }
}
