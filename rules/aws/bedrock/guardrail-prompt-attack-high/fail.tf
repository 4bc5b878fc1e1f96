# The prompt-attack filter at MEDIUM (other filters at HIGH do not count).
resource "aws_bedrock_guardrail" "medium" {
  name                      = "support-assistant"
  blocked_input_messaging   = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot answer that."

  content_policy_config {
    filters_config {
      type            = "VIOLENCE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "MEDIUM"
      output_strength = "NONE"
    }
  }
}

# No prompt-attack filter at all.
resource "aws_bedrock_guardrail" "none" {
  name                      = "faq-bot"
  blocked_input_messaging   = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot answer that."

  content_policy_config {
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
  }
}

# No content policy.
resource "aws_bedrock_guardrail" "bare" {
  name                      = "bare"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
  word_policy_config {
    managed_word_lists_config {
      type = "PROFANITY"
    }
  }
}
