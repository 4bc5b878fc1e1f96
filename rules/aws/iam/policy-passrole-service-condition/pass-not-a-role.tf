# iam:PassRole applies to roles only: these grant it (through wildcards) on resources that
# cannot be roles, so there is no role to pass and no condition to ask for.
resource "aws_iam_policy" "queue_admin" {
  name = "ml-queue-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:*", "sqs:*"]
      Resource = "arn:aws:sqs:eu-west-1:111122223333:ml-inference-requests"
    }]
  })
}

resource "aws_iam_policy" "artifact_store" {
  name = "ml-artifact-store"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = ["arn:aws:s3:::ml-artifacts-eu-west-1", "arn:aws:s3:::ml-artifacts-eu-west-1/*"]
    }]
  })
}

resource "aws_iam_policy" "policy_versions" {
  name = "ml-policy-versions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:*"
      Resource = "arn:aws:iam::111122223333:policy/ml-*"
    }]
  })
}
