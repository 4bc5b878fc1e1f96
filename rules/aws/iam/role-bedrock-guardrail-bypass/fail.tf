# Invocation inline, guardrail administration attached: the role holds both halves.
resource "aws_iam_role" "support_bot" {
  name = "support-bot"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name = "invoke"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "bedrock:InvokeModel", Resource = "*" }]
    })
  }
}

resource "aws_iam_policy" "guardrail_admin" {
  name = "guardrail-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["bedrock:UpdateGuardrail", "bedrock:DeleteGuardrail"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "support_bot_guardrails" {
  role       = aws_iam_role.support_bot.name
  policy_arn = aws_iam_policy.guardrail_admin.arn
}

# AWS managed PowerUserAccess covers every Bedrock action.
resource "aws_iam_role" "prompt_lab" {
  name = "prompt-lab"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}
