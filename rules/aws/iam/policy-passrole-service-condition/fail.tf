# One role, but to any service that accepts it.
resource "aws_iam_policy" "pass_training_role" {
  name = "ml-launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "arn:aws:iam::111122223333:role/ml-training-execution"
    }]
  })
}

# PassRole through a wildcard, with a condition on something else.
data "aws_iam_policy_document" "pass_in_region" {
  statement {
    actions   = ["iam:Pass*"]
    resources = ["arn:aws:iam::111122223333:role/ml-batch-transform"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}

resource "aws_iam_role_policy" "pass_in_region" {
  name   = "pass-in-region"
  role   = "ml-scheduler"
  policy = data.aws_iam_policy_document.pass_in_region.json
}
