variable "imds_minimum_version" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "configurable" {
  name          = "shared-analytics"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-analytics"
  instance_type = "ml.t3.large"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = var.imds_minimum_version
  }
}
