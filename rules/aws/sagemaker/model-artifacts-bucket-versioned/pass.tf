resource "aws_s3_bucket" "models" {
  bucket = "ml-models-versioned"
}
resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_sagemaker_model" "versioned" {
  name               = "versioned"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}

# A model whose image holds everything: no artefacts to tamper with.
resource "aws_sagemaker_model" "image_only" {
  name               = "image-only"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
  }
}
