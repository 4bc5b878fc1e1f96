resource "aws_sagemaker_notebook_instance" "imdsv2_only" {
  name                   = "fraud-feature-lab"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-fraud"
  instance_type          = "ml.m5.xlarge"
  subnet_id              = "subnet-0aa11bb22cc33dd44"
  security_groups        = ["sg-0c1d2e3f4a5b6c7d8"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

# A number is converted to the string "2" by Terraform.
resource "aws_sagemaker_notebook_instance" "imdsv2_number" {
  name          = "recsys-offline-eval"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-recsys"
  instance_type = "ml.t3.large"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = 2
  }
}
