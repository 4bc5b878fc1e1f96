# Inline: both halves in one policy.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  name = "bedrock"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel*", "bedrock:UpdateGuardrail"], Resource = "*" }]
  })
}

# Through a group: invocation from the group, the logging switch attached to the user.
resource "aws_iam_group" "prompt_engineers" {
  name = "prompt-engineers"
}

resource "aws_iam_group_policy" "invoke" {
  name  = "invoke"
  group = aws_iam_group.prompt_engineers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "bedrock:Invoke*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "logging" {
  name = "logging"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "bedrock:PutModelInvocationLoggingConfiguration", Resource = "*" }]
  })
}

resource "aws_iam_user" "engineer" {
  name = "engineer"
}

resource "aws_iam_user_group_membership" "engineer" {
  user   = aws_iam_user.engineer.name
  groups = [aws_iam_group.prompt_engineers.name]
}

resource "aws_iam_user_policy_attachment" "engineer_logging" {
  user       = aws_iam_user.engineer.name
  policy_arn = aws_iam_policy.logging.arn
}
