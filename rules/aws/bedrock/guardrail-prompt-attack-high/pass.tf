resource "aws_bedrock_guardrail" "support" {
  name                      = "support-assistant"
  blocked_input_messaging   = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot answer that."

  content_policy_config {
    filters_config {
      type            = "HATE"
      input_strength  = "MEDIUM"
      output_strength = "MEDIUM"
    }
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
  }
}
