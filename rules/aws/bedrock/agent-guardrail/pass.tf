resource "aws_bedrock_guardrail" "support" {
  name                      = "support"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = "arn:aws:iam::123456789012:role/bedrock-agent-support"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id
    guardrail_version    = "DRAFT"
  }
}

resource "aws_bedrockagent_agent" "literal" {
  agent_name              = "literal"
  agent_resource_role_arn = "arn:aws:iam::123456789012:role/bedrock-agent-support"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  guardrail_configuration {
    guardrail_identifier = "arn:aws:bedrock:eu-west-1:123456789012:guardrail/abc123def456"
    guardrail_version    = "1"
  }
}
