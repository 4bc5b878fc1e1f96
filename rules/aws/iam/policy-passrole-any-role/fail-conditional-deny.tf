# A Deny with a Condition may not apply to a given request: the PassRole grant stands.
resource "aws_iam_policy" "deny_only_without_mfa" {
  name = "ops-admin-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      {
        Effect    = "Deny"
        Action    = "iam:PassRole"
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      },
    ]
  })
}

# A Deny of some roles leaves PassRole on the others.
resource "aws_iam_policy" "deny_some_roles" {
  name = "ops-admin-some-roles"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/admin" },
    ]
  })
}
