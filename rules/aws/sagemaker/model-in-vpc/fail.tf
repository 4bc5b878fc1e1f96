# No vpc_config: the containers use SageMaker's network.
resource "aws_sagemaker_model" "no_vpc" {
  name               = "pricing-gbm-v2"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-pricing"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/pricing-serving:2.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/pricing/v2/model.tar.gz"
  }
}

# Network isolation does not put the model in your VPC.
resource "aws_sagemaker_model" "isolated_no_vpc" {
  name                     = "defect-detector-v5"
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-model-vision"
  enable_network_isolation = true

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/defect-serving:5.0.0"
    model_data_url = "s3://ml-artifacts-111122223333/vision/v5/model.tar.gz"
  }
}
