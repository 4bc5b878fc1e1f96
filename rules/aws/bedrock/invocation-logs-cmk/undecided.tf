# The bucket is made elsewhere: its encryption cannot be seen here.
resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    s3_config {
      bucket_name = "central-logging-bedrock-123456789012"
    }
  }
}
