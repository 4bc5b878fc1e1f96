# The stores the ML resources read training data from and load models from: a poisoned
# pipeline (weak) beside a hardened one. Rules follow the models' and feature groups' s3://
# URIs to these buckets (MLP-AWS-TH-*).

# Hardened: the model artefacts and the feature store's offline store, versioned, encrypted
# with the ML key, with every public access setting on.
resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.prefix}-artifacts"
}

resource "aws_s3_bucket" "feature_store" {
  bucket = "${local.prefix}-feature-store"
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "feature_store" {
  bucket = aws_s3_bucket.feature_store.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "feature_store" {
  bucket = aws_s3_bucket.feature_store.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "feature_store" {
  bucket                  = aws_s3_bucket.feature_store.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# Weak: the sandbox model's artefacts and the raw feature group's offline store in
# unversioned buckets whose public access block was switched off "to share with a partner",
# with a policy that lets anyone read and write.
resource "aws_s3_bucket" "sandbox_artifacts" {
  bucket = "${local.prefix}-sandbox-artifacts"
}

resource "aws_s3_bucket" "raw_features" {
  bucket = "${local.prefix}-raw-features"
}

# S3-managed keys only (SSE-S3, what S3 uses when nothing is set; written out so that a plan,
# which leaves an unset encryption unknown until apply, decides it too).
resource "aws_s3_bucket_server_side_encryption_configuration" "sandbox_artifacts" {
  bucket = aws_s3_bucket.sandbox_artifacts.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw_features" {
  bucket = aws_s3_bucket.raw_features.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "sandbox_artifacts" {
  bucket                  = aws_s3_bucket.sandbox_artifacts.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_public_access_block" "raw_features" {
  bucket                  = aws_s3_bucket.raw_features.id
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "sandbox_artifacts" {
  bucket = aws_s3_bucket.sandbox_artifacts.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerExchange"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "arn:aws:s3:::${local.prefix}-sandbox-artifacts/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "raw_features" {
  bucket = aws_s3_bucket.raw_features.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerExchange"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "arn:aws:s3:::${local.prefix}-raw-features/*"
    }]
  })
}

# Images the models and jobs pull: tags that cannot be moved and scanned on push (hardened),
# beside a repository left to ECR's defaults (weak: mutable tags, no scanning).
resource "aws_ecr_repository" "inference" {
  name                 = "${local.prefix}/inference"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}

resource "aws_ecr_repository" "sandbox" {
  name = "${local.prefix}/sandbox"
}

# Notebook start-up scripts: one installs packages, the other was written with a long-lived
# access key "just for the demo" (a fake key: AWS's documented example).
resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "research" {
  name = "${local.prefix}-research"
  on_start = base64encode(<<-SCRIPT
    #!/bin/bash
    set -e
    sudo -u ec2-user -i pip install --quiet --upgrade "scikit-learn==1.5.2"
  SCRIPT
  )
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "sandbox" {
  name = "${local.prefix}-sandbox"
  on_start = base64encode(<<-SCRIPT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    aws s3 sync s3://${aws_s3_bucket.raw_features.bucket}/raw /home/ec2-user/SageMaker/raw
  SCRIPT
  )
}
