# No kms_key_id: the EFS volume uses an AWS managed key.
resource "aws_sagemaker_domain" "default_key" {
  domain_name             = "ml-platform-default-key"
  auth_mode               = "SSO"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44"]
  app_network_access_type = "VpcOnly"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}
