# Omitted on EBS-backed instances: the volumes use a key managed by SageMaker.
resource "aws_sagemaker_endpoint_configuration" "no_key" {
  name = "pricing-prod-v2"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "pricing-gbm-v2"
    instance_type          = "ml.c5.xlarge"
    initial_instance_count = 2
  }
}

# Inferentia 2 has no local instance storage: a key can and should be given.
resource "aws_sagemaker_endpoint_configuration" "inferentia" {
  name = "embeddings-inf2"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "sentence-embedder-neuron"
    instance_type          = "ml.inf2.xlarge"
    initial_instance_count = 3
  }
}

resource "aws_sagemaker_endpoint_configuration" "serverless_no_key" {
  name = "faq-classifier-serverless"

  production_variants {
    variant_name = "AllTraffic"
    model_name   = "faq-distilbert"

    serverless_config {
      max_concurrency   = 5
      memory_size_in_mb = 3072
    }
  }
}
