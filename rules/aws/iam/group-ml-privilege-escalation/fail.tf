# Inline group policy: PassRole on every role and SageMaker pipelines.
resource "aws_iam_group" "data_science" {
  name = "data-science"
}

resource "aws_iam_group_policy" "data_science" {
  name  = "pipelines"
  group = aws_iam_group.data_science.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      { Effect = "Allow", Action = ["sagemaker:CreatePipeline", "sagemaker:StartPipelineExecution"], Resource = "*" },
    ]
  })
}

# AdministratorAccess attached to the group.
resource "aws_iam_group" "platform" {
  name = "ml-platform"
}

resource "aws_iam_group_policy_attachment" "platform" {
  group      = aws_iam_group.platform.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
