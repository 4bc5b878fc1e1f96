# A logging configuration that names no destination logs nothing.
resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
  }
}
