# A policy open to the organisation only; a bucket with no policy.
resource "aws_s3_bucket" "models" {
  bucket = "ml-models-org"
}
resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.models.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
resource "aws_sagemaker_model" "org_artifacts" {
  name               = "org-artifacts"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}
resource "aws_s3_bucket" "private" {
  bucket = "ml-models-private"
}
resource "aws_sagemaker_model" "private_artifacts" {
  name               = "private-artifacts"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://ml-models-private/churn/model.tar.gz"
  }
}

# A public policy on a bucket whose public access block was never turned off: S3 refuses it.
resource "aws_s3_bucket" "blocked" {
  bucket = "ml-models-blocked"
}
resource "aws_s3_bucket_policy" "blocked" {
  bucket = aws_s3_bucket.blocked.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.blocked.arn}/*" }] })
}
resource "aws_sagemaker_model" "blocked_artifacts" {
  name               = "blocked-artifacts"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://ml-models-blocked/x/model.tar.gz"
  }
}
