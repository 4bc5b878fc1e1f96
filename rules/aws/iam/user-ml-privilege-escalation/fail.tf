# Inline: PassRole on every role and a notebook that runs as the role passed.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst_notebooks" {
  name = "notebooks"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]
      Resource = "*"
    }]
  })
}

# Attached customer policy: sts:AssumeRole on every role.
resource "aws_iam_user" "operator" {
  name = "ml-operator"
}

resource "aws_iam_policy" "assume_anything" {
  name = "assume-anything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "operator_assume" {
  user       = aws_iam_user.operator.name
  policy_arn = aws_iam_policy.assume_anything.arn
}

# Through a group: PassRole in one policy, Glue development endpoints in another.
resource "aws_iam_group" "etl" {
  name = "etl-engineers"
}

resource "aws_iam_group_policy" "etl_pass" {
  name  = "pass-roles"
  group = aws_iam_group.etl.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = "arn:aws:iam::*:role/*" }]
  })
}

resource "aws_iam_group_policy" "etl_glue" {
  name  = "glue"
  group = aws_iam_group.etl.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["glue:CreateDevEndpoint", "glue:GetDevEndpoint"], Resource = "*" }]
  })
}

resource "aws_iam_user" "etl_dev" {
  name = "etl-dev"
}

resource "aws_iam_user_group_membership" "etl_dev" {
  user   = aws_iam_user.etl_dev.name
  groups = [aws_iam_group.etl.name]
}

# AWS managed AdministratorAccess, attached by the shared attachment resource.
resource "aws_iam_user" "breakglass" {
  name = "breakglass"
}

resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  users      = [aws_iam_user.breakglass.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# PassRole on one role only, but that role is the platform's administrator and trusts
# SageMaker: a notebook started with it runs as an administrator.
resource "aws_iam_role" "platform_admin" {
  name = "platform-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "platform_admin" {
  role       = aws_iam_role.platform_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "scientist" {
  name = "scientist"
}

resource "aws_iam_user_policy" "scientist_notebooks" {
  name = "notebooks"
  user = aws_iam_user.scientist.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.platform_admin.arn },
      { Effect = "Allow", Action = "sagemaker:CreateNotebookInstance", Resource = "*" },
    ]
  })
}

# The same by name, through a wildcard in the role's name.
resource "aws_iam_user" "intern" {
  name = "intern"
}

resource "aws_iam_user_policy" "intern_training" {
  name = "training"
  user = aws_iam_user.intern.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/platform-*" },
      { Effect = "Allow", Action = "sagemaker:CreateTrainingJob", Resource = "*" },
    ]
  })
}
