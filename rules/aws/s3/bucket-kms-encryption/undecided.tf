# Buckets whose default encryption is known only at apply.
variable "sse_algorithm" {
  type = string
}

resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse_algorithm
    }
  }
}

# Two configurations for one bucket: each overwrites the other at apply, and which one holds
# depends on the order Terraform applies them in.
resource "aws_s3_bucket" "batch_outputs" {
  bucket = "ml-batch-outputs-eu"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "batch_outputs_kms" {
  bucket = aws_s3_bucket.batch_outputs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "batch_outputs_s3" {
  bucket = "ml-batch-outputs-eu"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
