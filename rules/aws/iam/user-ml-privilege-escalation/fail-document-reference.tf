# PassRole scoped to one role, named by reference inside an aws_iam_policy_document: that role
# trusts SageMaker and is administrator, so the user can start a training job as it.
resource "aws_iam_role" "admin" {
  name = "ml-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

data "aws_iam_policy_document" "launch" {
  statement {
    sid       = "PassTheTrainingRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.admin.arn]
  }
  statement {
    sid       = "Train"
    actions   = ["sagemaker:CreateTrainingJob"]
    resources = ["*"]
  }
}

resource "aws_iam_user" "scientist" {
  name = "scientist"
}

resource "aws_iam_user_policy" "launch" {
  name   = "launch"
  user   = aws_iam_user.scientist.name
  policy = data.aws_iam_policy_document.launch.json
}
