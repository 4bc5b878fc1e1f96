# Buckets that block public access.

# No public access block resource: S3 creates a new bucket with all four settings on (the
# default since April 2023).
resource "aws_s3_bucket" "model_artifacts" {
  bucket = "ml-model-artifacts-eu"
}

# All four settings, joined by reference.
resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data-eu"
}

resource "aws_s3_bucket_public_access_block" "training_data" {
  bucket                  = aws_s3_bucket.training_data.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# All four settings, joined by the bucket's name.
resource "aws_s3_bucket" "inference_capture" {
  bucket = "ml-inference-capture-eu"
}

resource "aws_s3_bucket_public_access_block" "inference_capture" {
  bucket                  = "ml-inference-capture-eu"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# One block per bucket of a set made with for_each.
resource "aws_s3_bucket" "team" {
  for_each      = toset(["vision", "nlp"])
  bucket_prefix = "ml-team-${each.key}-"
}

resource "aws_s3_bucket_public_access_block" "team" {
  for_each                = toset(["vision", "nlp"])
  bucket                  = aws_s3_bucket.team[each.key].id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
