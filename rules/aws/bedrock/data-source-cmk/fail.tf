resource "aws_bedrockagent_data_source" "manuals" {
  name              = "manuals"
  knowledge_base_id = "KB12345678"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::acme-manuals"
    }
  }
}
