# Attached in the role itself.
resource "aws_iam_role" "studio_execution" {
  name = "ml-studio-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
}

# Trust from an aws_iam_policy_document; the managed policy attached by a separate resource.
data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "training_execution" {
  name               = "ml-training-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "training_s3" {
  role       = aws_iam_role.training_execution.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}
