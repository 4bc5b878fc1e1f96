resource "aws_sagemaker_domain" "private" {
  domain_name             = "ml-research-private"
  auth_mode               = "SSO"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
  app_network_access_type = "VpcOnly"

  default_user_settings {
    execution_role  = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
    security_groups = ["sg-0c1d2e3f4a5b6c7d8"]
  }
}
