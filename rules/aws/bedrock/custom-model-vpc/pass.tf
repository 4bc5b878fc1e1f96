resource "aws_kms_key" "models" {
  description         = "Bedrock custom models"
  enable_key_rotation = true
}

resource "aws_bedrock_custom_model" "support" {
  custom_model_name       = "support-tuned"
  job_name                = "support-tuning-1"
  base_model_identifier   = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn                = "arn:aws:iam::123456789012:role/bedrock-customization"
  custom_model_kms_key_id = aws_kms_key.models.arn
  hyperparameters = {
    epochCount = "1"
  }
  output_data_config {
    s3_uri = "s3://acme-bedrock-tuning/output/"
  }
  training_data_config {
    s3_uri = "s3://acme-bedrock-tuning/train.jsonl"
  }
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d4e5f60718"]
    security_group_ids = ["sg-0a1b2c3d4e5f60718"]
  }
}
