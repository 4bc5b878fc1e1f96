resource "aws_sagemaker_domain" "explicit" {
  domain_name             = "ml-research-public"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44"]
  app_network_access_type = "PublicInternetOnly"
  kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/0b6f2c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}

# Omitted: the service default is PublicInternetOnly.
resource "aws_sagemaker_domain" "default" {
  domain_name = "ml-research-default"
  auth_mode   = "SSO"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0ee55ff66aa77bb88"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}
