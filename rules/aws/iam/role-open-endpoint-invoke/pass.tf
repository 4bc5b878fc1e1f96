# Open trust, but only one endpoint.
resource "aws_iam_role" "public_scoring" {
  name = "public-scoring"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
  inline_policy {
    name = "invoke"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "sagemaker:InvokeEndpoint"
        Resource = "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-demo"
      }]
    })
  }
}

# Every endpoint, but only this account's Lambda functions may assume it.
resource "aws_iam_role" "scoring_api" {
  name = "scoring-api"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "scoring_api" {
  name = "invoke"
  role = aws_iam_role.scoring_api.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sagemaker:InvokeEndpoint*", Resource = "*" }]
  })
}

# Open trust; every SageMaker action, less an unconditional Deny of the invoke actions.
resource "aws_iam_role" "partner_scoring" {
  name = "partner-scoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
  inline_policy {
    name = "invoke"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "sagemaker:*", Resource = "*" },
        { Effect = "Deny", Action = "sagemaker:InvokeEndpoint*", Resource = "*" },
      ]
    })
  }
}
