# The default provider has default_tags, but this image uses the aliased one, which has none.
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { owner = "ml-platform" }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_sagemaker_image" "us_copy" {
  provider   = aws.us
  image_name = "pytorch-gpu-base-us"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-builder"
}
