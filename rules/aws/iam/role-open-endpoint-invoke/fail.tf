# Anyone may assume this role, and it may call every endpoint.
resource "aws_iam_role" "public_scoring" {
  name = "public-scoring"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}

resource "aws_iam_role_policy" "public_scoring" {
  name = "invoke"
  role = aws_iam_role.public_scoring.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sagemaker:InvokeEndpoint", Resource = "*" }]
  })
}

# Another account without a condition; every endpoint through a wildcard.
resource "aws_iam_role" "partner_scoring" {
  name = "partner-scoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
    }]
  })
  inline_policy {
    name = "invoke"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "sagemaker:Invoke*"
        Resource = "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/*"
      }]
    })
  }
}
