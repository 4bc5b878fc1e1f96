resource "aws_kms_key" "endpoints" {
  description         = "SageMaker endpoint storage volumes"
  enable_key_rotation = true
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name        = "churn-prod-v7"
  kms_key_arn = aws_kms_key.endpoints.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "churn-xgboost-v7"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }
}

# Deployed from the configuration above, through a reference.
resource "aws_sagemaker_endpoint" "churn" {
  name                 = "churn-prod"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.churn.name
}

resource "aws_sagemaker_endpoint_configuration" "fraud" {
  name        = "fraud-scoring-v3"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4a81-92b3-c4d5e6f7a8b9"

  production_variants {
    variant_name           = "champion"
    model_name             = "fraud-lgbm-v3"
    instance_type          = "ml.c5.2xlarge"
    initial_instance_count = 3
  }
}

# Names its configuration with a literal string: the same name in the same module.
resource "aws_sagemaker_endpoint" "fraud" {
  name                 = "fraud-scoring"
  endpoint_config_name = "fraud-scoring-v3"
}

# Local NVMe storage only: no key can be given, the rule does not apply.
resource "aws_sagemaker_endpoint_configuration" "llm" {
  name = "llm-summarizer-g5"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "summarizer-7b"
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint" "llm" {
  name                 = "llm-summarizer"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.llm.name
}
