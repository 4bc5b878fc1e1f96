data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

# The role's own inline policy: only the wildcard makes it PassRole on every role.
resource "aws_iam_role" "notebook_execution" {
  name               = "ml-notebook-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["iam:Pass*", "sagemaker:Describe*"], Resource = "*" }]
    })
  }
}

# The escalation path split over two policies given to the role.
resource "aws_iam_role" "pipeline_execution" {
  name               = "ml-pipeline-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy" "pass_roles" {
  name = "pass-roles"
  role = aws_iam_role.pipeline_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::111122223333:role/*"
      Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_policy" "training_jobs" {
  name = "ml-training-jobs"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sagemaker:CreateTrainingJob", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "training_jobs" {
  role       = aws_iam_role.pipeline_execution.name
  policy_arn = aws_iam_policy.training_jobs.arn
}
