# The fixture of tests/checkov: a SageMaker notebook mlposture judges (Checkov's SageMaker
# checks on it are left out), and S3 / KMS resources only Checkov's general checks judge.

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/research"
  instance_type = "ml.t3.medium"
}

resource "aws_s3_bucket" "training" {
  bucket = "ml-training-data"
}

# mlposture:ignore CKV_AWS_18 reason="scratch space: access logs are not kept"
resource "aws_s3_bucket" "scratch" {
  #checkov:skip=CKV_AWS_21:scratch data is disposable
  bucket = "ml-scratch"
}

resource "aws_kms_key" "ml" {
  description         = "ML artifacts"
  enable_key_rotation = true
}
