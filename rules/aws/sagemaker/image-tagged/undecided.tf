variable "tags" {
  type = map(string)
}

resource "aws_sagemaker_image" "configurable" {
  image_name = "team-image"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-build"
  tags       = var.tags
}
