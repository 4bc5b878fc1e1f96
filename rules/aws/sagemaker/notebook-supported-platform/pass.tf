resource "aws_sagemaker_notebook_instance" "al2023" {
  name                   = "churn-model-dev"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-churn"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0aa11bb22cc33dd44"
  security_groups        = ["sg-0c1d2e3f4a5b6c7d8"]
  direct_internet_access = "Disabled"
  platform_identifier    = "notebook-al2023-v1"
}

# Omitted: a new instance gets the service's current default, notebook-al2023-v1.
resource "aws_sagemaker_notebook_instance" "service_default" {
  name          = "demand-sensing"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-demand"
  instance_type = "ml.t3.large"
  root_access   = "Disabled"
}
