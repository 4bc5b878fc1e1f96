resource "aws_iam_role" "launcher" {
  name = "training-launcher"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/ml-training-execution" },
        { Effect = "Allow", Action = "sagemaker:CreateTrainingJob", Resource = "*" },
        { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/ml-deployer" },
      ]
    })
  }
}
