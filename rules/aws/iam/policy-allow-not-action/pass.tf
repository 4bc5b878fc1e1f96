# NotAction in a Deny is the usual guard (everything but MFA setup without MFA).
data "aws_iam_policy_document" "require_mfa" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role_policy" "require_mfa" {
  name   = "require-mfa"
  role   = "ml-console-users"
  policy = data.aws_iam_policy_document.require_mfa.json
}

resource "aws_iam_policy" "explicit" {
  name = "ml-explicit"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sagemaker:ListModels"], Resource = "*" }]
  })
}
