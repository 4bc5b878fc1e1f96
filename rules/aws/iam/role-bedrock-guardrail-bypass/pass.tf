# The application role invokes; the guardrail administrators' role administers.
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
      Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel", "bedrock:ApplyGuardrail"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "guardrail_admins" {
  name = "guardrail-admins"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
  inline_policy {
    name = "administer"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["bedrock:*Guardrail*", "bedrock:*ModelInvocationLoggingConfiguration"], Resource = "*" }]
    })
  }
}
