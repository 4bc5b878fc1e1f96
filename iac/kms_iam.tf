resource "aws_kms_key" "ml" {
  description         = "Customer-managed key for ML data"
  enable_key_rotation = true
}

# The trust policy of the execution roles: SageMaker assumes them.
data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "sagemaker_execution" {
  name               = "${local.prefix}-sagemaker-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

# What the hardened workloads use: their bucket, their key, their image, their logs.
resource "aws_iam_role_policy" "sagemaker_execution" {
  name = "ml-workloads"
  role = aws_iam_role.sagemaker_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Artifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::${local.prefix}-ml-artifacts", "arn:aws:s3:::${local.prefix}-ml-artifacts/*"]
      },
      {
        # By alias, so the document is known before apply.
        Sid       = "Key"
        Effect    = "Allow"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "arn:aws:kms:${var.region}:111122223333:key/*"
        Condition = { "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = "alias/${local.prefix}-ml" } }
      },
      {
        Sid      = "Images"
        Effect   = "Allow"
        Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:*:*:log-group:/aws/sagemaker/*"
      }
    ]
  })
}
