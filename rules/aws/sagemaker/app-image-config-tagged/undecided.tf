variable "tags" {
  type = map(string)
}

resource "aws_sagemaker_app_image_config" "configurable" {
  app_image_config_name = "team-kernel"

  kernel_gateway_image_config {
    kernel_spec {
      name = "python3"
    }
  }

  tags = var.tags
}
