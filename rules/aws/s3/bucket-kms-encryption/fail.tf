# Buckets whose new objects get SSE-S3 only.

# Nothing stated: every bucket encrypts with SSE-S3 (AES256) by default.
resource "aws_s3_bucket" "inference_capture" {
  bucket = "ml-inference-capture-eu"
}

# Stated as SSE-S3 in a resource of its own, joined by reference.
resource "aws_s3_bucket" "monitoring_reports" {
  bucket = "ml-monitoring-reports-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "monitoring_reports" {
  bucket = aws_s3_bucket.monitoring_reports.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# The configuration only turns on S3 Bucket Keys: the algorithm stays the default.
resource "aws_s3_bucket" "shared_datasets" {
  bucket = "ml-shared-datasets-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shared_datasets" {
  bucket = "ml-shared-datasets-eu"

  rule {
    bucket_key_enabled = true
  }
}

# An inline block (provider 3.x) and a resource of its own: the resource, applied after the
# bucket, is what holds.
resource "aws_s3_bucket" "legacy_notebooks" {
  bucket = "ml-legacy-notebooks-eu"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy_notebooks" {
  bucket = aws_s3_bucket.legacy_notebooks.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# A configuration for a bucket of another stack changes nothing here.
resource "aws_s3_bucket_server_side_encryption_configuration" "elsewhere" {
  bucket = "ml-bucket-of-another-stack"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket" "pipeline_cache" {
  bucket = "ml-pipeline-cache-eu"
}
