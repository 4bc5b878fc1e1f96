# Tagged only through the provider's default_tags: AWS sees those tags on the image.
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      owner   = "ml-platform"
      project = "studio-images"
    }
  }
}

resource "aws_sagemaker_image" "from_defaults" {
  image_name = "pytorch-gpu-base"
  role_arn   = "arn:aws:iam::111122223333:role/sagemaker-image-builder"
}
