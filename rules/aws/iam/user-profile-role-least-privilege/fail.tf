resource "aws_iam_role" "power_user" {
  name = "ml-studio-power-user"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
}

resource "aws_sagemaker_user_profile" "lead" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "ml-lead"

  user_settings {
    execution_role = aws_iam_role.power_user.arn
  }
}
