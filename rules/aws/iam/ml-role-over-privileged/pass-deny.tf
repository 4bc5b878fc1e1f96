# The training role's inline policy could pass any role to a training job; a Deny of PassRole
# in another policy of the same role takes that away, and nothing over-broad is left.
resource "aws_iam_role" "training_execution" {
  name = "ml-training-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["iam:PassRole", "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"]
        Resource = "*"
      }]
    })
  }
}

resource "aws_iam_policy" "guardrail" {
  name = "deny-passrole"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "guardrail" {
  role       = aws_iam_role.training_execution.name
  policy_arn = aws_iam_policy.guardrail.arn
}
