resource "aws_sagemaker_model" "explicit_off" {
  name                     = "summarizer-7b"
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-model-llm"
  enable_network_isolation = false

  primary_container {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi3.0.1-gpu-py311-cu124-ubuntu22.04"
    environment = {
      HF_MODEL_ID = "example-org/summarizer-7b"
    }
  }
}

# Omitted: containers have network access by default, even inside a VPC.
resource "aws_sagemaker_model" "default_in_vpc" {
  name               = "pricing-gbm-v2"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-pricing"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/pricing-serving:2.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/pricing/v2/model.tar.gz"
  }

  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0a9b8c7d6e5f4a3b2"]
  }
}
