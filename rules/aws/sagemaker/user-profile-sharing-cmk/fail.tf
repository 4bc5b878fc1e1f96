resource "aws_sagemaker_user_profile" "analyst" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "analyst"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/ml-studio-analyst"

    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://ml-studio-sharing-111122223333/analyst"
    }
  }
}
