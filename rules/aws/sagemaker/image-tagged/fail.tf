# No tags argument.
resource "aws_sagemaker_image" "untagged" {
  image_name = "scratch-image"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-build"
}

# Only a system (aws:) key, which Security Hub ignores.
resource "aws_sagemaker_image" "system_only" {
  image_name = "scratch-image-2"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-build"

  tags = {
    "aws:cloudformation:stack-name" = "studio-images"
  }
}
