resource "aws_sagemaker_notebook_instance" "locked_down" {
  name                   = "credit-risk-analysis"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-credit"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0aa11bb22cc33dd44"
  security_groups        = ["sg-0c1d2e3f4a5b6c7d8"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  lifecycle_config_name  = "install-approved-packages"
}

# Only root is switched off; other settings left at their defaults.
resource "aws_sagemaker_notebook_instance" "no_root_defaults" {
  name          = "ab-test-review"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-growth"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}
