# Invokes only; the group's Deny takes the guardrail and logging switches from its members.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  name = "bedrock"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel*", "bedrock:GetGuardrail"], Resource = "*" }]
  })
}

resource "aws_iam_group" "prompt_engineers" {
  name = "prompt-engineers"
}

resource "aws_iam_group_policy" "bedrock" {
  name  = "bedrock"
  group = aws_iam_group.prompt_engineers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock:*", Resource = "*" },
      {
        Effect   = "Deny"
        Action   = ["bedrock:*Guardrail*", "bedrock:*ModelInvocationLoggingConfiguration", "bedrock:*EnforcedGuardrailConfiguration"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_user" "engineer" {
  name = "engineer"
}

resource "aws_iam_user_group_membership" "engineer" {
  user   = aws_iam_user.engineer.name
  groups = [aws_iam_group.prompt_engineers.name]
}
