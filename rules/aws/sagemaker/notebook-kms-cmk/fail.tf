# Omitted: the volume is encrypted with a key managed by SageMaker, not by you.
resource "aws_sagemaker_notebook_instance" "default_encryption" {
  name                   = "forecast-workbench"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-forecast"
  instance_type          = "ml.t3.xlarge"
  subnet_id              = "subnet-0ee55ff66aa77bb88"
  security_groups        = ["sg-0a9b8c7d6e5f4a3b2"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  volume_size            = 50
}

resource "aws_sagemaker_notebook_instance" "explicit_null" {
  name          = "nlp-scratch"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-nlp"
  instance_type = "ml.g4dn.xlarge"
  kms_key_id    = null
}
