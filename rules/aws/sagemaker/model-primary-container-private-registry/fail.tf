# No image_config: SageMaker pulls the image from ECR itself (Platform mode).
resource "aws_sagemaker_model" "ecr_default" {
  name                     = "churn-xgboost-v7"
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-model-churn"
  enable_network_isolation = true

  primary_container {
    image          = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    model_data_url = "s3://ml-artifacts-111122223333/churn/v7/model.tar.gz"
  }

  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0a9b8c7d6e5f4a3b2"]
  }
}

resource "aws_sagemaker_model" "platform_explicit" {
  name               = "pricing-gbm-v2"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-pricing"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/pricing-serving:2.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/pricing/v2/model.tar.gz"

    image_config {
      repository_access_mode = "Platform"
    }
  }
}
