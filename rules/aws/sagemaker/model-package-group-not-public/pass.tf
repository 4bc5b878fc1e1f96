resource "aws_sagemaker_model_package_group" "churn" {
  model_package_group_name = "churn-models"
}

# Shared with the deployment account, by name.
resource "aws_sagemaker_model_package_group_policy" "churn" {
  model_package_group_name = aws_sagemaker_model_package_group.churn.model_package_group_name
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DeployFromProd"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup"]
      Resource = [
        "arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/churn-models",
        "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn-models/*",
      ]
    }]
  })
}

# Everyone, but only within the organization.
resource "aws_sagemaker_model_package_group_policy" "fraud" {
  model_package_group_name = "fraud-models"
  resource_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
      Resource  = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/fraud-models/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
