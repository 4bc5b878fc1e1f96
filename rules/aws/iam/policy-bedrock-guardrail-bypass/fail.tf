# Every policy here lets its holder call any model and loosen or stop what watches the calls.
data "aws_iam_policy_document" "chat_app" {
  statement {
    sid       = "InvokeAnyModel"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = ["arn:aws:bedrock:eu-west-1::foundation-model/*"]
  }
  statement {
    sid       = "TuneGuardrail"
    actions   = ["bedrock:UpdateGuardrail", "bedrock:GetGuardrail"]
    resources = ["arn:aws:bedrock:eu-west-1:111122223333:guardrail/k2m4q8w1z3x5"]
  }
}

resource "aws_iam_policy" "chat_app" {
  name   = "chat-app"
  policy = data.aws_iam_policy_document.chat_app.json
}

# Wildcards: bedrock:Invoke* covers InvokeModel, bedrock:Put* the logging configuration.
resource "aws_iam_role_policy" "prompt_lab" {
  name = "prompt-lab"
  role = "prompt-lab"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["bedrock:Invoke*", "bedrock:Put*"], Resource = "*" },
    ]
  })
}

# The whole service; a Deny of the guardrail actions leaves the logging switch.
resource "aws_iam_user_policy" "analyst" {
  name = "bedrock-everything"
  user = "analyst"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock:*", Resource = "*" },
      { Effect = "Deny", Action = ["bedrock:UpdateGuardrail", "bedrock:DeleteGuardrail"], Resource = "*" },
    ]
  })
}
