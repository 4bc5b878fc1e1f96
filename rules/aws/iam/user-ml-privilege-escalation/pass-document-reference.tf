# The same shape, but the role passed by reference is least-privileged.
resource "aws_iam_role" "trainer" {
  name = "ml-trainer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
  inline_policy {
    name = "read-data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-data/*" }]
    })
  }
}

data "aws_iam_policy_document" "launch" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.trainer.arn]
  }
  statement {
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
