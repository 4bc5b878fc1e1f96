# The classic path: pass any role to a new notebook, then open it.
resource "aws_iam_policy" "notebook_launcher" {
  name = "ml-notebook-launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      {
        Effect   = "Allow"
        Action   = ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]
        Resource = "*"
      }
    ]
  })
}

# Both halves only through wildcards.
data "aws_iam_policy_document" "job_runner" {
  statement {
    sid       = "Pass"
    actions   = ["iam:Pass*"]
    resources = ["arn:aws:iam::111122223333:role/*"]
  }
  statement {
    sid       = "Jobs"
    actions   = ["sagemaker:Create*Job"]
    resources = ["arn:aws:sagemaker:eu-west-1:111122223333:*"]
  }
}

resource "aws_iam_role_policy" "job_runner" {
  name   = "job-runner"
  role   = "ml-ci"
  policy = data.aws_iam_policy_document.job_runner.json
}
