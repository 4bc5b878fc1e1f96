# Service-wide on every bucket.
resource "aws_iam_policy" "all_of_s3" {
  name = "ml-data-all-s3"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

# A write wildcard: every SageMaker Create* action on every resource.
data "aws_iam_policy_document" "create_anything" {
  statement {
    actions   = ["sagemaker:Create*", "sagemaker:Describe*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "create_anything" {
  name   = "create-anything"
  role   = "ml-automation"
  policy = data.aws_iam_policy_document.create_anything.json
}

# A permissions-management wildcard on every key; the key ARN statement beside it is fine.
resource "aws_iam_policy" "key_admin" {
  name = "ml-key-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "kms:Put*", Resource = "*" },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
      }
    ]
  })
}
