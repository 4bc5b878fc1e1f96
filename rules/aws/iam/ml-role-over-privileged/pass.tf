data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "training" {
  statement {
    sid       = "Data"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::ml-training-eu-west-1/*"]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/aws/sagemaker/*"]
  }
}

resource "aws_iam_role" "training_execution" {
  name               = "ml-training-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy" "training" {
  name   = "training"
  role   = aws_iam_role.training_execution.id
  policy = data.aws_iam_policy_document.training.json
}

# Over-privileged, but not a role SageMaker assumes (other rules judge it).
resource "aws_iam_role" "deployer" {
  name = "ci-deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}
