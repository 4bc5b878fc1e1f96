# The same chain, but the artefact bucket keeps its public access block.
resource "aws_s3_bucket" "models" {
  bucket = "ml-models-private"
}

resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.models.arn}/*"
    }]
  })
}

resource "aws_sagemaker_model" "ranker" {
  name               = "ranker"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "ranker" {
  name = "ranker"
  production_variants {
    variant_name           = "main"
    model_name             = aws_sagemaker_model.ranker.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint" "ranker" {
  name                 = "ranker"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.ranker.name
}

# An endpoint whose model loads nothing from S3 (everything in the image).
resource "aws_sagemaker_model" "image_only" {
  name               = "image-only"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:2"
  }
}

resource "aws_sagemaker_endpoint_configuration" "image_only" {
  name = "image-only"
  production_variants {
    variant_name           = "main"
    model_name             = aws_sagemaker_model.image_only.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}

resource "aws_sagemaker_endpoint" "image_only" {
  name                 = "image-only"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.image_only.name
}
