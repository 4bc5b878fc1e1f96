# PassRole to one role, with job creation: the job runs as that role only.
resource "aws_iam_policy" "training_launcher" {
  name = "ml-training-launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::111122223333:role/ml-training-execution"
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
      { Effect = "Allow", Action = "sagemaker:CreateTrainingJob", Resource = "*" }
    ]
  })
}

# Creating SageMaker resources without any PassRole.
data "aws_iam_policy_document" "describe_and_create" {
  statement {
    actions   = ["sagemaker:CreateExperiment", "sagemaker:Describe*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "describe_and_create" {
  name   = "describe-and-create"
  role   = "ml-analyst"
  policy = data.aws_iam_policy_document.describe_and_create.json
}
