# Every action, but on one bucket only: broad, yet not administrator access.
resource "aws_iam_policy" "bucket_owner" {
  name = "ml-features-bucket-owner"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = ["arn:aws:s3:::ml-features-eu-west-1", "arn:aws:s3:::ml-features-eu-west-1/*"]
    }]
  })
}

# A Deny of everything grants nothing.
data "aws_iam_policy_document" "quarantine" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "quarantine" {
  name   = "quarantine"
  role   = "ml-compromised-runner"
  policy = data.aws_iam_policy_document.quarantine.json
}

# Scoped actions on every resource.
resource "aws_iam_policy" "read_models" {
  name = "ml-read-model-registry"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
      Resource = "*"
    }]
  })
}
