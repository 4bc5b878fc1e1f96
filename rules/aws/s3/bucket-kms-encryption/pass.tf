# Buckets whose default encryption is SSE-KMS or DSSE-KMS.
resource "aws_kms_key" "artifacts" {
  description         = "Model artifacts"
  enable_key_rotation = true
}

# Provider 4+: the encryption is a resource of its own, joined to the bucket by reference.
resource "aws_s3_bucket" "model_artifacts" {
  bucket = "ml-model-artifacts-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "model_artifacts" {
  bucket = aws_s3_bucket.model_artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.artifacts.arn
    }
    bucket_key_enabled = true
  }
}

# Joined by the bucket's name; the aws/s3 AWS managed key.
resource "aws_s3_bucket" "regulated_datasets" {
  bucket = "ml-regulated-datasets-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "regulated_datasets" {
  bucket = "ml-regulated-datasets-eu"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}

# One configuration per bucket of a counted set.
resource "aws_s3_bucket" "feature_exports" {
  count  = 2
  bucket = "ml-feature-exports-${count.index}-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "feature_exports" {
  count  = 2
  bucket = aws_s3_bucket.feature_exports[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.artifacts.arn
    }
  }
}

# Provider 3.x: the inline block on the bucket.
resource "aws_s3_bucket" "legacy_training_data" {
  bucket = "ml-legacy-training-data-eu"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.artifacts.arn
      }
    }
  }
}
