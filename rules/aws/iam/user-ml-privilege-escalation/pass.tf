# Notebooks, but PassRole only on one execution role.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst_notebooks" {
  name = "notebooks"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::111122223333:role/sagemaker-notebook-scoped"
        Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
      },
      {
        Effect   = "Allow"
        Action   = ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]
        Resource = "*"
      },
    ]
  })
}

# Assumes one named role only; its group reads SageMaker and nothing more.
resource "aws_iam_user" "operator" {
  name = "ml-operator"
}

resource "aws_iam_user_policy" "operator_assume" {
  name = "assume-deployer"
  user = aws_iam_user.operator.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/ml-deployer" }]
  })
}

resource "aws_iam_group" "readers" {
  name = "ml-readers"
}

resource "aws_iam_policy" "read_sagemaker" {
  name = "read-sagemaker"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sagemaker:Describe*", "sagemaker:List*"], Resource = "*" }]
  })
}

resource "aws_iam_group_policy_attachment" "readers" {
  group      = aws_iam_group.readers.name
  policy_arn = aws_iam_policy.read_sagemaker.arn
}

resource "aws_iam_group_membership" "readers" {
  name  = "ml-readers"
  group = aws_iam_group.readers.name
  users = [aws_iam_user.operator.name]
}

# PassRole on a named execution role that trusts SageMaker and is least privileged.
resource "aws_iam_role" "training" {
  name = "ml-training"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-training-data/*" }]
    })
  }
}

resource "aws_iam_user" "trainer" {
  name = "trainer"
}

resource "aws_iam_user_policy" "trainer" {
  name = "training"
  user = aws_iam_user.trainer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.training.arn },
      { Effect = "Allow", Action = "sagemaker:CreateTrainingJob", Resource = "*" },
    ]
  })
}

# An administrator role that SageMaker cannot assume: passing it to a notebook fails.
resource "aws_iam_role" "ec2_admin" {
  name = "ec2-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ec2_admin" {
  role       = aws_iam_role.ec2_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "notebook_user" {
  name = "notebook-user"
}

resource "aws_iam_user_policy" "notebook_user" {
  name = "notebooks"
  user = aws_iam_user.notebook_user.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.ec2_admin.arn },
      { Effect = "Allow", Action = "sagemaker:CreateNotebookInstance", Resource = "*" },
    ]
  })
}
