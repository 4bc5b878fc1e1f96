# A read-only wildcard on every resource: Get* of S3 has no write actions.
resource "aws_iam_policy" "read_features" {
  name = "ml-read-anything-s3"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "*" }]
  })
}

# Service-wide, but on one bucket.
data "aws_iam_policy_document" "own_bucket" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::ml-scratch-eu-west-1", "arn:aws:s3:::ml-scratch-eu-west-1/*"]
  }
}

resource "aws_iam_role_policy" "own_bucket" {
  name   = "own-bucket"
  role   = "ml-scratch-runner"
  policy = data.aws_iam_policy_document.own_bucket.json
}

# A wildcard on a service outside the list, and named SageMaker actions.
resource "aws_iam_policy" "logs_and_describe" {
  name = "ml-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "logs:*", Resource = "*" },
      { Effect = "Allow", Action = "sagemaker:DescribeTrainingJob", Resource = "*" }
    ]
  })
}
