resource "aws_sagemaker_domain" "sso" {
  domain_name             = "ml-platform-sso"
  auth_mode               = "SSO"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44"]
  app_network_access_type = "PublicInternetOnly"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}
