resource "aws_iam_role" "studio" {
  name = "ml-studio-users"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  inline_policy {
    name = "studio"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject"]
          Resource = "arn:aws:s3:::ml-studio-eu-west-1/*"
        },
        { Effect = "Allow", Action = ["sagemaker:Describe*", "sagemaker:List*"], Resource = "*" }
      ]
    })
  }
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "ml-studio"
  auth_mode               = "SSO"
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  subnet_ids              = ["subnet-0aa11bb22cc33dd44"]
  app_network_access_type = "VpcOnly"

  default_user_settings {
    execution_role = aws_iam_role.studio.arn
  }
}
