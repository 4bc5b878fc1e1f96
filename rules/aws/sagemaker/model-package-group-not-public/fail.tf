resource "aws_sagemaker_model_package_group_policy" "churn" {
  model_package_group_name = "churn-models"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
      Resource  = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn-models/*"
    }]
  })
}

# A named account beside "*" in the same list is still everyone.
resource "aws_sagemaker_model_package_group_policy" "fraud" {
  model_package_group_name = "fraud-models"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Deny"
        Effect    = "Deny"
        Principal = "*"
        Action    = "sagemaker:DeleteModelPackage"
        Resource  = "*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::444455556666:root", "*"] }
        Action    = "sagemaker:CreateModelPackage"
        Resource  = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud-models/*"
      },
    ]
  })
}

# A heredoc keeps the author's key order (Sid and Principal first): still read as a policy.
resource "aws_sagemaker_model_package_group_policy" "pricing" {
  model_package_group_name = "pricing-models"
  resource_policy          = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ShareWithEveryone",
          "Principal": "*",
          "Resource": "arn:aws:sagemaker:eu-west-1:111122223333:model-package/pricing-models/*",
          "Effect": "Allow",
          "Action": "sagemaker:DescribeModelPackage"
        }
      ]
    }
  EOT
}

# Everyone but one account.
resource "aws_sagemaker_model_package_group_policy" "ranking" {
  model_package_group_name = "ranking-models"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::444455556666:root" }
      Action       = "sagemaker:DescribeModelPackage"
      Resource     = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/ranking-models/*"
    }]
  })
}
