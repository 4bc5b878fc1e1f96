resource "aws_kms_key" "ml" {
  description         = "Customer-managed key for ML data"
  enable_key_rotation = true
}

resource "aws_iam_role" "sagemaker_execution" {
  name = "${local.prefix}-sagemaker-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
