resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "churn-prod-v6"

  production_variants {
    variant_name           = "primary"
    model_name             = "churn-xgboost-v6"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }
}

resource "aws_sagemaker_endpoint" "churn" {
  name                 = "churn-prod"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.churn.name
}

# A newer configuration has a key, but the endpoint still serves from an old one without.
resource "aws_sagemaker_endpoint_configuration" "fraud_v4" {
  name        = "fraud-scoring-v4"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4a81-92b3-c4d5e6f7a8b9"

  production_variants {
    variant_name           = "champion"
    model_name             = "fraud-lgbm-v4"
    instance_type          = "ml.c5.2xlarge"
    initial_instance_count = 3
  }
}

resource "aws_sagemaker_endpoint_configuration" "fraud_v3" {
  name = "fraud-scoring-v3"

  production_variants {
    variant_name           = "champion"
    model_name             = "fraud-lgbm-v3"
    instance_type          = "ml.c5.2xlarge"
    initial_instance_count = 3
  }
}

resource "aws_sagemaker_endpoint" "fraud" {
  name                 = "fraud-scoring"
  endpoint_config_name = "fraud-scoring-v3"
}
