resource "aws_sagemaker_notebook_instance" "explicit" {
  name                   = "research-open"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}

# Omitted: the service default is Enabled.
resource "aws_sagemaker_notebook_instance" "default" {
  name          = "research-default"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook"
  instance_type = "ml.t3.medium"
}
