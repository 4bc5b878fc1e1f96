resource "aws_bedrock_guardrail" "content_only" {
  name                      = "content-only"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
}
