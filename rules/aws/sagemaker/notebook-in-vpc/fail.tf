# No network settings: the instance lives in the SageMaker service VPC.
resource "aws_sagemaker_notebook_instance" "service_vpc" {
  name          = "quick-prototype"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-proto"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
  kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
}

# A subnet, but no security groups of its own.
resource "aws_sagemaker_notebook_instance" "subnet_without_groups" {
  name          = "genomics-qc"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-genomics"
  instance_type = "ml.r5.xlarge"
  subnet_id     = "subnet-0ee55ff66aa77bb88"
}

# Security groups listed, but no subnet: the instance is still not in your VPC.
resource "aws_sagemaker_notebook_instance" "groups_without_subnet" {
  name            = "retention-uplift"
  role_arn        = "arn:aws:iam::111122223333:role/sagemaker-notebook-retention"
  instance_type   = "ml.m5.xlarge"
  security_groups = ["sg-0a9b8c7d6e5f4a3b2"]
}
