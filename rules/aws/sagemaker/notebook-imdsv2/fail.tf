resource "aws_sagemaker_notebook_instance" "imdsv1_explicit" {
  name                   = "legacy-etl-notebook"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-etl"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0ee55ff66aa77bb88"
  security_groups        = ["sg-0a9b8c7d6e5f4a3b2"]
  direct_internet_access = "Disabled"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
}

# No block: the service default allows IMDSv1 and IMDSv2.
resource "aws_sagemaker_notebook_instance" "default_imds" {
  name          = "image-labeling-review"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-vision"
  instance_type = "ml.g4dn.xlarge"
  root_access   = "Disabled"
}
