# The people who build models. Weak: the data scientists' group as it is often first written,
# notebooks for everyone and iam:PassRole on "the platform role" that SageMaker may assume:
# that role is an administrator, so any member starts a notebook as it and runs code as an
# administrator. Hardened: the ML engineers pass only the hardened execution role, to
# SageMaker only.

resource "aws_iam_role" "platform_admin" {
  name               = "${local.prefix}-platform-admin"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "platform_admin" {
  role       = aws_iam_role.platform_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group" "data_scientists" {
  name = "${local.prefix}-data-scientists"
}

resource "aws_iam_group_policy" "data_scientists_notebooks" {
  name  = "notebooks"
  group = aws_iam_group.data_scientists.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::111122223333:role/${local.prefix}-platform-admin"
      },
    ]
  })
}

resource "aws_iam_user" "data_scientist" {
  name = "${local.prefix}-alex"
}

resource "aws_iam_user_group_membership" "data_scientist" {
  user   = aws_iam_user.data_scientist.name
  groups = [aws_iam_group.data_scientists.name]
}

resource "aws_iam_group" "ml_engineers" {
  name = "${local.prefix}-ml-engineers"
}

data "aws_iam_policy_document" "ml_engineers" {
  statement {
    actions   = ["sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/${local.prefix}-sagemaker-execution"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_group_policy" "ml_engineers" {
  name   = "launch"
  group  = aws_iam_group.ml_engineers.name
  policy = data.aws_iam_policy_document.ml_engineers.json
}

resource "aws_iam_user" "ml_engineer" {
  name = "${local.prefix}-sam"
}

resource "aws_iam_group_membership" "ml_engineers" {
  name  = "ml-engineers"
  group = aws_iam_group.ml_engineers.name
  users = [aws_iam_user.ml_engineer.name]
}
