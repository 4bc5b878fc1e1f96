resource "aws_bedrock_guardrail" "pii" {
  name                      = "pii"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
  sensitive_information_policy_config {
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
  }
}

resource "aws_bedrock_guardrail" "regex" {
  name                      = "regex"
  blocked_input_messaging   = "No."
  blocked_outputs_messaging = "No."
  sensitive_information_policy_config {
    regexes_config {
      name    = "employee-id"
      pattern = "^E\\d{6}$"
      action  = "BLOCK"
    }
  }
}
