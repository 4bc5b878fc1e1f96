# Inline policy in the role's own definition: PassRole on every role and Glue sessions.
resource "aws_iam_role" "glue_launcher" {
  name = "glue-launcher"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"], Resource = "*" }]
    })
  }
}

# sts:AssumeRole on every role, through a policy document data source.
data "aws_iam_policy_document" "hop" {
  statement {
    actions   = ["sts:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "hopper" {
  name = "hopper"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "hopper" {
  name   = "hop"
  role   = aws_iam_role.hopper.id
  policy = data.aws_iam_policy_document.hop.json
}
