# Amazon Bedrock: a support assistant built twice, once with every setting left to its default
# (the `helpdesk_open` agent, the `chat_permissive` guardrail, the `churn_tuned` model) and once
# hardened. Invocation logging is one setting per account and region: here, the hardened one.

resource "aws_bedrock_model_invocation_logging_configuration" "main" {
  logging_config {
    text_data_delivery_enabled = true
    s3_config {
      bucket_name = aws_s3_bucket.bedrock_invocation_logs.id
      key_prefix  = "invocations"
    }
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.bedrock_invocations.name
      role_arn       = aws_iam_role.bedrock_logging.arn
    }
  }
}

# Both destinations encrypted with the customer managed key (MLP-AWS-BR-010).
resource "aws_s3_bucket" "bedrock_invocation_logs" {
  bucket = "${local.prefix}-bedrock-invocation-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "bedrock_invocation_logs" {
  bucket = aws_s3_bucket.bedrock_invocation_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_cloudwatch_log_group" "bedrock_invocations" {
  name              = "/aws/bedrock/${local.prefix}/invocations"
  kms_key_id        = aws_kms_key.ml.arn
  retention_in_days = 365
}

data "aws_iam_policy_document" "bedrock_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bedrock_logging" {
  name               = "${local.prefix}-bedrock-logging"
  assume_role_policy = data.aws_iam_policy_document.bedrock_trust.json
}

resource "aws_iam_role_policy" "bedrock_logging" {
  name = "invocation-logs"
  role = aws_iam_role.bedrock_logging.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:${var.region}:111122223333:log-group:/aws/bedrock/${local.prefix}/invocations:*"
    }]
  })
}

# -- hardened ----------------------------------------------------------------------------

resource "aws_bedrock_guardrail" "chat" {
  name                      = "${local.prefix}-chat"
  blocked_input_messaging   = "Sorry, I cannot help with that request."
  blocked_outputs_messaging = "Sorry, I cannot answer that."
  kms_key_arn               = aws_kms_key.ml.arn

  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "HIGH"
      output_strength = "NONE"
    }
    filters_config {
      type            = "MISCONDUCT"
      input_strength  = "HIGH"
      output_strength = "HIGH"
    }
  }
  sensitive_information_policy_config {
    pii_entities_config {
      type   = "EMAIL"
      action = "ANONYMIZE"
    }
    pii_entities_config {
      type   = "CREDIT_DEBIT_CARD_NUMBER"
      action = "BLOCK"
    }
  }
}

resource "aws_iam_role" "bedrock_agent" {
  name               = "${local.prefix}-bedrock-agent"
  assume_role_policy = data.aws_iam_policy_document.bedrock_trust.json
}

resource "aws_iam_role_policy" "bedrock_agent" {
  name = "invoke-model"
  role = aws_iam_role.bedrock_agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = "arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"
    }]
  })
}

resource "aws_bedrockagent_agent" "helpdesk" {
  agent_name                  = "${local.prefix}-helpdesk"
  agent_resource_role_arn     = aws_iam_role.bedrock_agent.arn
  foundation_model            = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  customer_encryption_key_arn = aws_kms_key.ml.arn
  instruction                 = "You answer questions about orders, politely and briefly."
  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.chat.guardrail_id
    guardrail_version    = "DRAFT"
  }
}

resource "aws_bedrock_custom_model" "fraud_tuned" {
  custom_model_name       = "${local.prefix}-fraud-tuned"
  job_name                = "${local.prefix}-fraud-tuning-1"
  base_model_identifier   = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-text-express-v1"
  role_arn                = aws_iam_role.sagemaker_execution.arn
  custom_model_kms_key_id = aws_kms_key.ml.arn
  hyperparameters = {
    epochCount = "2"
  }
  training_data_config {
    s3_uri = "s3://${local.prefix}-ml-artifacts/tuning/fraud/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://${local.prefix}-ml-artifacts/tuning/fraud/output/"
  }
  vpc_config {
    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.notebooks.id]
  }
}

resource "aws_bedrockagent_data_source" "manuals" {
  name              = "manuals"
  knowledge_base_id = "KBMANUALS01"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::${local.prefix}-manuals"
    }
  }
  server_side_encryption_configuration {
    kms_key_arn = aws_kms_key.ml.arn
  }
}

# -- weak --------------------------------------------------------------------------------

# Prompt attacks filtered at MEDIUM, nothing about personal data.
resource "aws_bedrock_guardrail" "chat_permissive" {
  name                      = "${local.prefix}-chat-permissive"
  blocked_input_messaging   = "Sorry."
  blocked_outputs_messaging = "Sorry."
  content_policy_config {
    filters_config {
      type            = "PROMPT_ATTACK"
      input_strength  = "MEDIUM"
      output_strength = "NONE"
    }
  }
}

# Reads and writes every bucket: a steered agent can reach all of the account's data.
resource "aws_iam_role" "bedrock_agent_open" {
  name               = "${local.prefix}-bedrock-agent-open"
  assume_role_policy = data.aws_iam_policy_document.bedrock_trust.json
}

resource "aws_iam_role_policy" "bedrock_agent_open" {
  name = "everything-s3"
  role = aws_iam_role.bedrock_agent_open.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel", "s3:*"], Resource = "*" }]
  })
}

resource "aws_bedrockagent_agent" "helpdesk_open" {
  agent_name              = "${local.prefix}-helpdesk-open"
  agent_resource_role_arn = aws_iam_role.bedrock_agent_open.arn
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  instruction             = "You answer questions about orders and can look up any document."
}

resource "aws_bedrock_custom_model" "churn_tuned" {
  custom_model_name     = "${local.prefix}-churn-tuned"
  job_name              = "${local.prefix}-churn-tuning-1"
  base_model_identifier = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-text-express-v1"
  role_arn              = aws_iam_role.sagemaker_execution.arn
  hyperparameters = {
    epochCount = "2"
  }
  training_data_config {
    s3_uri = "s3://${local.prefix}-ml-artifacts/tuning/churn/train.jsonl"
  }
  output_data_config {
    s3_uri = "s3://${local.prefix}-ml-artifacts/tuning/churn/output/"
  }
}

resource "aws_bedrockagent_data_source" "wiki" {
  name              = "wiki"
  knowledge_base_id = "KBMANUALS01"
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::${local.prefix}-wiki"
    }
  }
}
