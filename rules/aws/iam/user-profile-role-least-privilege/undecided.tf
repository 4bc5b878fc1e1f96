# The role is defined elsewhere: its permissions are not known from this code.
resource "aws_sagemaker_user_profile" "lead" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "ml-lead"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/ml-studio-power-user"
  }
}
