resource "aws_sagemaker_endpoint_configuration" "two_instances" {
  name = "churn-prod-v7"

  production_variants {
    variant_name           = "primary"
    model_name             = "churn-xgboost-v7"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }
}

resource "aws_sagemaker_endpoint_configuration" "every_variant_redundant" {
  name        = "fraud-scoring-v3"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4a81-92b3-c4d5e6f7a8b9"

  production_variants {
    variant_name           = "champion"
    model_name             = "fraud-lgbm-v3"
    instance_type          = "ml.c5.2xlarge"
    initial_instance_count = 4
    initial_variant_weight = 0.8
  }

  production_variants {
    variant_name           = "challenger"
    model_name             = "fraud-lgbm-v4"
    instance_type          = "ml.c5.xlarge"
    initial_instance_count = 3
    initial_variant_weight = 0.2
  }
}

# Only serverless variants: no instance count, not applicable.
resource "aws_sagemaker_endpoint_configuration" "serverless" {
  name = "faq-classifier-serverless"

  production_variants {
    variant_name = "AllTraffic"
    model_name   = "faq-distilbert"

    serverless_config {
      max_concurrency   = 10
      memory_size_in_mb = 4096
    }
  }
}

# A shadow variant on one instance does not serve responses; only production variants count.
resource "aws_sagemaker_endpoint_configuration" "single_shadow" {
  name = "ranker-shadow-test"

  production_variants {
    variant_name           = "live"
    model_name             = "ranker-v12"
    instance_type          = "ml.m5.2xlarge"
    initial_instance_count = 2
  }

  shadow_production_variants {
    variant_name           = "shadow"
    model_name             = "ranker-v13"
    instance_type          = "ml.m5.2xlarge"
    initial_instance_count = 1
  }
}
