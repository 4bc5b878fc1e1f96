variable "prompt_attack_strength" {
  type = string
}

resource "aws_bedrock_guardrail" "configurable" {
  name                      = "configurable"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = var.prompt_attack_strength
      output_strength = "NONE"
    }
  }
}
