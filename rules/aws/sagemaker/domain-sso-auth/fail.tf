resource "aws_sagemaker_domain" "iam" {
  domain_name             = "ml-platform-iam"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44"]
  app_network_access_type = "VpcOnly"
  kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/0b6f2c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}
