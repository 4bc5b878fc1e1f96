# Every action on every resource, but an unconditional Deny of iam:PassRole wins over it.
resource "aws_iam_policy" "admin_without_passrole" {
  name = "ops-admin-no-passrole"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = "iam:PassRole", Resource = "*" },
    ]
  })
}

# The Deny is written through a wildcard, in an aws_iam_policy_document.
data "aws_iam_policy_document" "iam_without_pass" {
  statement {
    actions   = ["iam:*"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:Pass*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "iam_without_pass" {
  name   = "iam-admin-no-pass"
  policy = data.aws_iam_policy_document.iam_without_pass.json
}
