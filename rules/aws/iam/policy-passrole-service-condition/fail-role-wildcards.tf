# Wildcards that can match a role: an account's every resource, every role under a path.
resource "aws_iam_policy" "account_wide" {
  name = "ml-account-wide"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = ["arn:aws:sqs:eu-west-1:111122223333:jobs", "arn:aws:iam::111122223333:*"]
    }]
  })
}

resource "aws_iam_policy" "ml_path" {
  name = "ml-path-roles"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:Pass*"
      Resource = "arn:aws:iam::*:role/ml/*"
    }]
  })
}
