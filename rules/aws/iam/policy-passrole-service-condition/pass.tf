data "aws_iam_policy_document" "pass_to_sagemaker" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/ml-training-execution"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "pass_to_sagemaker" {
  name   = "pass-to-sagemaker"
  role   = "ml-scheduler"
  policy = data.aws_iam_policy_document.pass_to_sagemaker.json
}

# No PassRole at all.
resource "aws_iam_policy" "read_artifacts" {
  name = "ml-read-artifacts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::ml-artifacts-eu-west-1/*"
    }]
  })
}
