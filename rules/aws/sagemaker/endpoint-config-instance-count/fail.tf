resource "aws_sagemaker_endpoint_configuration" "single_instance" {
  name        = "pricing-prod-v2"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "pricing-gbm-v2"
    instance_type          = "ml.c5.xlarge"
    initial_instance_count = 1
  }
}

# One redundant variant does not make up for a single-instance one.
resource "aws_sagemaker_endpoint_configuration" "one_of_two_single" {
  name = "search-rerank-ab"

  production_variants {
    variant_name           = "control"
    model_name             = "reranker-v5"
    instance_type          = "ml.g4dn.xlarge"
    initial_instance_count = 3
  }

  production_variants {
    variant_name           = "treatment"
    model_name             = "reranker-v6"
    instance_type          = "ml.g4dn.xlarge"
    initial_instance_count = 1
  }
}

# A single GPU instance, however large.
resource "aws_sagemaker_endpoint_configuration" "single_large_gpu" {
  name = "llm-chat-p4d"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "chat-70b"
    instance_type          = "ml.p4d.24xlarge"
    initial_instance_count = 1

    model_data_download_timeout_in_seconds            = 1800
    container_startup_health_check_timeout_in_seconds = 1800
  }
}
