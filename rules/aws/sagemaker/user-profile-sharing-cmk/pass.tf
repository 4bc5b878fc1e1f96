resource "aws_sagemaker_user_profile" "analyst" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "analyst"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/ml-studio-analyst"

    sharing_settings {
      notebook_output_option = "Allowed"
      s3_output_path         = "s3://ml-studio-sharing-111122223333/analyst"
      s3_kms_key_id          = "arn:aws:kms:eu-west-1:111122223333:key/4d5e6f70-8192-4a3b-9c4d-5e6f70819203"
    }
  }
}

# Shares notebooks without their cell output.
resource "aws_sagemaker_user_profile" "viewer" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "viewer"

  user_settings {
    execution_role = "arn:aws:iam::111122223333:role/ml-studio-viewer"

    sharing_settings {
      notebook_output_option = "Disabled"
      s3_output_path         = "s3://ml-studio-sharing-111122223333/viewer"
    }
  }
}

# No sharing settings of its own.
resource "aws_sagemaker_user_profile" "intern" {
  domain_id         = "d-0a1b2c3d4e5f"
  user_profile_name = "intern"
}
