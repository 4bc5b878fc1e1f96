# A role of the same code (its ARN known only after apply): the role's own account.
resource "aws_iam_role" "own_account" {
  name = "ml-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.sagemaker.arn }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Another account, with an external id.
data "aws_iam_policy_document" "vendor_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["labeling-7f3a9c"]
    }
  }
}

resource "aws_iam_role" "vendor" {
  name               = "ml-labeling-vendor"
  assume_role_policy = data.aws_iam_policy_document.vendor_trust.json
}

# A service.
resource "aws_iam_role" "sagemaker" {
  name = "ml-training-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
