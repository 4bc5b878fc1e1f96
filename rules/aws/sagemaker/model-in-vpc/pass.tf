resource "aws_sagemaker_model" "literal_ids" {
  name               = "churn-xgboost-v7"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-churn"

  primary_container {
    image          = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    model_data_url = "s3://ml-artifacts-111122223333/churn/v7/model.tar.gz"
  }

  vpc_config {
    subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
    security_group_ids = ["sg-0c1d2e3f4a5b6c7d8"]
  }
}

resource "aws_subnet" "inference_a" {
  vpc_id            = "vpc-0a1b2c3d4e5f60718"
  cidr_block        = "10.40.8.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_security_group" "inference" {
  name   = "sagemaker-inference"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

# References to resources created in the same plan: known only after apply, but set.
resource "aws_sagemaker_model" "referenced_ids" {
  name                     = "fraud-lgbm-v3"
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-model-fraud"
  enable_network_isolation = true

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/fraud-serving:3.0.1"
    model_data_url = "s3://ml-artifacts-111122223333/fraud/v3/model.tar.gz"
  }

  vpc_config {
    subnets            = [aws_subnet.inference_a.id]
    security_group_ids = [aws_security_group.inference.id]
  }
}
