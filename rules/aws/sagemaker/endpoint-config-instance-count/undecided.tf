variable "min_instances" {
  type = number
}

resource "aws_sagemaker_endpoint_configuration" "configurable" {
  name = "team-endpoint-config"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "team-model"
    instance_type          = "ml.m5.large"
    initial_instance_count = var.min_instances
  }
}
