resource "aws_sagemaker_model" "private_registry" {
  name               = "credit-scoring-v9"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-credit"

  primary_container {
    image          = "registry.ml.corp.example.com:5000/credit/scoring-server:9.2.0"
    model_data_url = "s3://ml-artifacts-111122223333/credit/v9/model.tar.gz"

    image_config {
      repository_access_mode = "Vpc"

      repository_auth_config {
        repository_credentials_provider_arn = "arn:aws:lambda:eu-west-1:111122223333:function:registry-credentials"
      }
    }
  }

  vpc_config {
    subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
    security_group_ids = ["sg-0c1d2e3f4a5b6c7d8"]
  }
}

# An inference pipeline has no primary container: judged by the multi-container rule.
resource "aws_sagemaker_model" "pipeline_only" {
  name               = "text-pipeline-v2"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-text"

  container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/text-preprocess:2.0.0"
    model_data_url = "s3://ml-artifacts-111122223333/text/v2/preprocess.tar.gz"
  }

  container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/text-classifier:2.0.0"
    model_data_url = "s3://ml-artifacts-111122223333/text/v2/classifier.tar.gz"
  }
}
