resource "aws_sagemaker_image" "tagged" {
  image_name   = "pytorch-gpu"
  display_name = "PyTorch 2 (GPU)"
  role_arn     = "arn:aws:iam::111122223333:role/sagemaker-image-build"

  tags = {
    owner   = "ml-platform"
    project = "recsys"
  }
}

# The tag's value comes from a variable, but its key is known.
variable "team" {
  type = string
}

resource "aws_sagemaker_image" "variable_value" {
  image_name = "xgboost-custom"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-build"

  tags = {
    team = var.team
  }
}
