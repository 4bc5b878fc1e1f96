# Invoking and administering are split; a Deny takes the switch away; a conditional Deny
# would not, so it is not used here.
resource "aws_iam_policy" "chat_app" {
  name = "chat-app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:ApplyGuardrail"]
        Resource = "*"
      },
      { Effect = "Allow", Action = "bedrock:GetGuardrail", Resource = "*" },
    ]
  })
}

resource "aws_iam_policy" "guardrail_admins" {
  name = "guardrail-admins"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["bedrock:*Guardrail*", "bedrock:*ModelInvocationLogging*"], Resource = "*" },
    ]
  })
}

# One model only: not every model.
resource "aws_iam_role_policy" "summariser" {
  name = "summariser"
  role = "summariser"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "bedrock:InvokeModel"
        Resource = "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
      },
      { Effect = "Allow", Action = "bedrock:UpdateGuardrail", Resource = "*" },
    ]
  })
}

resource "aws_iam_user_policy" "analyst" {
  name = "bedrock-everything"
  user = "analyst"
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
