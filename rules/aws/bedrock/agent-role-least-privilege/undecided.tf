# The role is not in this code: its permissions cannot be judged here.
resource "aws_bedrockagent_agent" "external_role" {
  agent_name              = "shared"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/platform-managed-agent"
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}
