variable "endpoint_instance_type" {
  type = string
}

# Whether the instance type has local storage is known only from the variable.
resource "aws_sagemaker_endpoint_configuration" "configurable" {
  name = "team-endpoint-config"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "team-model"
    instance_type          = var.endpoint_instance_type
    initial_instance_count = 2
  }
}
