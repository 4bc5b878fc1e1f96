resource "aws_iam_group" "data_science" {
  name = "data-science"
}

# PassRole only on the SageMaker execution roles under one path, to SageMaker only.
resource "aws_iam_group_policy" "data_science" {
  name  = "pipelines"
  group = aws_iam_group.data_science.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::111122223333:role/sagemaker/pipelines-execution"
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
      { Effect = "Allow", Action = ["sagemaker:CreatePipeline", "sagemaker:StartPipelineExecution"], Resource = "*" },
    ]
  })
}
