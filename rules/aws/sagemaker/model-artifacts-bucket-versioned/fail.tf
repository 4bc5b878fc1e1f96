# Unversioned (the default) and suspended buckets; one model names its bucket by reference.
resource "aws_s3_bucket" "models" {
  bucket = "ml-models-unversioned"
}
resource "aws_sagemaker_model" "by_reference" {
  name               = "by-reference"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}
resource "aws_s3_bucket" "suspended" {
  bucket = "ml-models-suspended"
}
resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}
resource "aws_sagemaker_model" "by_name" {
  name               = "by-name"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://ml-models-suspended/churn/model.tar.gz"
  }
}
