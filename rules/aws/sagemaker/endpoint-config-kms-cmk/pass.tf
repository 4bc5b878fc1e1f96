resource "aws_kms_key" "endpoints" {
  description         = "SageMaker endpoint storage volumes"
  enable_key_rotation = true
}

# A reference to a key created in the same plan: known only after apply, but set.
resource "aws_sagemaker_endpoint_configuration" "referenced_key" {
  name        = "churn-prod-v7"
  kms_key_arn = aws_kms_key.endpoints.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "churn-xgboost-v7"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }
}

resource "aws_sagemaker_endpoint_configuration" "literal_key" {
  name        = "fraud-scoring-v3"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4a81-92b3-c4d5e6f7a8b9"

  production_variants {
    variant_name           = "champion"
    model_name             = "fraud-lgbm-v3"
    instance_type          = "ml.c5.2xlarge"
    initial_instance_count = 3
    initial_variant_weight = 0.9
  }

  production_variants {
    variant_name           = "challenger"
    model_name             = "fraud-lgbm-v4"
    instance_type          = "ml.c5.xlarge"
    initial_instance_count = 2
    initial_variant_weight = 0.1
  }
}

# Local NVMe storage only: a KMS key cannot be given, the rule does not apply.
resource "aws_sagemaker_endpoint_configuration" "gpu_nvme" {
  name = "llm-summarizer-g5"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "summarizer-7b"
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 2
  }
}

# One variant on an instance type with local storage is enough to rule the key out.
resource "aws_sagemaker_endpoint_configuration" "mixed_nvme" {
  name = "vision-ab-test"

  production_variants {
    variant_name           = "cpu"
    model_name             = "defect-detector-cpu"
    instance_type          = "ml.c5.4xlarge"
    initial_instance_count = 2
  }

  production_variants {
    variant_name           = "gpu"
    model_name             = "defect-detector-gpu"
    instance_type          = "ml.g4dn.xlarge"
    initial_instance_count = 2
  }
}

# A shadow variant on local storage rules the key out as well.
resource "aws_sagemaker_endpoint_configuration" "shadow_nvme" {
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
    instance_type          = "ml.p4d.24xlarge"
    initial_instance_count = 1
  }
}
