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
}

resource "aws_iam_role_policy" "inference" {
  name = "inference"
  role = aws_iam_role.inference.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::ml-models-eu-west-1/fraud/*" },
      { Effect = "Allow", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = "arn:aws:ecr:eu-west-1:111122223333:repository/xgboost" },
      { Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" }
    ]
  })
}

resource "aws_sagemaker_model" "fraud" {
  name               = "fraud-xgboost"
  execution_role_arn = aws_iam_role.inference.arn
  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7-1"
    model_data_url = "s3://ml-models-eu-west-1/fraud/model.tar.gz"
  }
}
