resource "aws_iam_role" "analyst" {
  name = "ml-studio-analyst"
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
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::ml-studio-eu-west-1/analyst/*"
      }]
    })
  }
}

resource "aws_sagemaker_user_profile" "analyst" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "analyst"

  user_settings {
    execution_role = aws_iam_role.analyst.arn
  }
}

# No role of its own: runs as the domain's default role (MLP-AWS-IAM-013 judges it).
resource "aws_sagemaker_user_profile" "viewer" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "viewer"
}
