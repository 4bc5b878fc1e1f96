resource "aws_sagemaker_notebook_instance" "explicit_root" {
  name                   = "gpu-driver-experiments"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-cv"
  instance_type          = "ml.g4dn.2xlarge"
  subnet_id              = "subnet-0ee55ff66aa77bb88"
  security_groups        = ["sg-0a9b8c7d6e5f4a3b2"]
  direct_internet_access = "Disabled"
  root_access            = "Enabled"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
}

# Omitted: the service default is Enabled.
resource "aws_sagemaker_notebook_instance" "default_root" {
  name          = "marketing-mix-model"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-marketing"
  instance_type = "ml.t3.large"
}
