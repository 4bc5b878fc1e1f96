# Buckets whose public access block is known only at apply.
variable "block_public_access" {
  type = bool
}

resource "aws_s3_bucket" "feature_exports" {
  bucket = "ml-feature-exports-eu"
}

resource "aws_s3_bucket_public_access_block" "feature_exports" {
  bucket                  = aws_s3_bucket.feature_exports.id
  block_public_acls       = var.block_public_access
  ignore_public_acls      = var.block_public_access
  block_public_policy     = var.block_public_access
  restrict_public_buckets = var.block_public_access
}

# Two blocks for one bucket: each overwrites the other at apply, and which one holds depends
# on the order Terraform applies them in.
resource "aws_s3_bucket" "batch_outputs" {
  bucket = "ml-batch-outputs-eu"
}

resource "aws_s3_bucket_public_access_block" "batch_outputs_strict" {
  bucket                  = aws_s3_bucket.batch_outputs.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "batch_outputs_open" {
  bucket = "ml-batch-outputs-eu"
}
