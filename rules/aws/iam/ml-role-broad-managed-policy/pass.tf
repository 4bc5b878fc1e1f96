data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

# A SageMaker role with a customer managed policy that names its bucket.
resource "aws_iam_role" "training_execution" {
  name               = "ml-training-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_policy" "training_data" {
  name = "ml-training-data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::ml-training-eu-west-1", "arn:aws:s3:::ml-training-eu-west-1/*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "training_data" {
  role       = aws_iam_role.training_execution.name
  policy_arn = aws_iam_policy.training_data.arn
}

# Not an ML execution role: a break-glass role for people (other rules judge it).
resource "aws_iam_role" "break_glass" {
  name = "ops-break-glass"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ops-sso" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}
