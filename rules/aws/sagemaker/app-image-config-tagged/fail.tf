# No tags argument.
resource "aws_sagemaker_app_image_config" "untagged" {
  app_image_config_name = "scratch-kernel"

  kernel_gateway_image_config {
    kernel_spec {
      name = "python3"
    }
  }
}

resource "aws_sagemaker_app_image_config" "empty_tags" {
  app_image_config_name = "scratch-kernel-2"

  kernel_gateway_image_config {
    kernel_spec {
      name = "python3"
    }
  }

  tags = {}
}

# Only a system (aws:) key, which Security Hub ignores.
resource "aws_sagemaker_app_image_config" "system_only" {
  app_image_config_name = "scratch-kernel-3"

  kernel_gateway_image_config {
    kernel_spec {
      name = "python3"
    }
  }

  tags = {
    "aws:cloudformation:stack-name" = "studio-images"
  }
}
