data "aws_iam_policy_document" "bedrock_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
  }
}

# Every S3 action on every bucket: a steered agent could read or delete any data.
resource "aws_iam_role" "support_agent" {
  name               = "bedrock-agent-support"
  assume_role_policy = data.aws_iam_policy_document.bedrock_trust.json
  inline_policy {
    name = "bedrock"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel", "s3:*"], Resource = "*" }]
    })
  }
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = aws_iam_role.support_agent.arn
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}
