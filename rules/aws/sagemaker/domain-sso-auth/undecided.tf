variable "auth_mode" {
  type = string
}

resource "aws_sagemaker_domain" "configurable" {
  domain_name = "ml-platform-configurable"
  auth_mode   = var.auth_mode
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0aa11bb22cc33dd44"]

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker-studio-exec"
  }
}
