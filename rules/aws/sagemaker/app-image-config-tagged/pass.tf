resource "aws_sagemaker_app_image_config" "tagged" {
  app_image_config_name = "pytorch-gpu-kernel"

  kernel_gateway_image_config {
    kernel_spec {
      name         = "python3"
      display_name = "PyTorch 2 (GPU)"
    }
  }

  tags = {
    owner   = "ml-platform"
    project = "recsys"
  }
}

# A tag key next to a system-style key still counts.
resource "aws_sagemaker_app_image_config" "mixed_keys" {
  app_image_config_name = "r-kernel"

  kernel_gateway_image_config {
    kernel_spec {
      name = "ir"
    }
  }

  tags = {
    "aws:cloudformation:stack-name" = "studio-images"
    CostCenter                      = "4711"
  }
}

# The tag's value comes from a variable, but its key is known.
variable "team" {
  type = string
}

resource "aws_sagemaker_app_image_config" "variable_value" {
  app_image_config_name = "xgboost-kernel"

  kernel_gateway_image_config {
    kernel_spec {
      name = "python3"
    }
  }

  tags = {
    team = var.team
  }
}
