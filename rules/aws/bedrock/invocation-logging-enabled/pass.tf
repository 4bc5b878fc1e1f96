resource "aws_s3_bucket" "invocation_logs" {
  bucket = "acme-bedrock-invocation-logs"
}

# Both destinations.
resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.invocation_logs.id
      key_prefix  = "bedrock"
    }
    cloudwatch_config {
      log_group_name = "/bedrock/invocations"
      role_arn       = "arn:aws:iam::123456789012:role/bedrock-logging"
    }
  }
}

# CloudWatch Logs only, in a second region.
resource "aws_bedrock_model_invocation_logging_configuration" "us" {
  region = "us-east-1"
  logging_config {
    cloudwatch_config {
      log_group_name = "/bedrock/invocations"
      role_arn       = "arn:aws:iam::123456789012:role/bedrock-logging"
    }
  }
}
