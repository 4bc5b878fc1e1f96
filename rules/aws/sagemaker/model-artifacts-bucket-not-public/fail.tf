# The public access block turned off and a policy open to every principal.
resource "aws_s3_bucket" "models" {
  bucket = "ml-models-public"
}
resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.models.arn}/*"
    }]
  })
}
resource "aws_sagemaker_model" "public_artifacts" {
  name               = "public-artifacts"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}
