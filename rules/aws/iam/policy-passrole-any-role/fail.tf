# Only the wildcard makes this dangerous: iam:Pass* includes iam:PassRole.
resource "aws_iam_policy" "pass_star" {
  name = "ml-launcher"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = "*" }]
  })
}

# iam:* on every role of the account.
resource "aws_iam_policy" "iam_on_roles" {
  name = "ml-role-operator"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:*"]
      Resource = "arn:aws:iam::111122223333:role/*"
    }]
  })
}

# A PassedToService condition pins the service, not the role: still any role.
data "aws_iam_policy_document" "pass_any_to_sagemaker" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "pass_any_to_sagemaker" {
  name   = "pass-any-to-sagemaker"
  role   = "ml-orchestrator"
  policy = data.aws_iam_policy_document.pass_any_to_sagemaker.json
}
