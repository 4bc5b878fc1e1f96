resource "aws_iam_role" "inference" {
  name = "ml-inference"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]
}

resource "aws_sagemaker_model" "churn" {
  name               = "churn-xgboost"
  execution_role_arn = aws_iam_role.inference.arn
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7-1"
    model_data_url = "s3://ml-models-eu-west-1/churn/model.tar.gz"
  }
}
