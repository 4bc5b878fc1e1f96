resource "aws_sagemaker_model" "private_pipeline" {
  name               = "claims-pipeline-v4"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-claims"

  container {
    image          = "registry.ml.corp.example.com:5000/claims/featurizer:4.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/claims/v4/featurizer.tar.gz"

    image_config {
      repository_access_mode = "Vpc"
    }
  }

  container {
    image          = "registry.ml.corp.example.com:5000/claims/classifier:4.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/claims/v4/classifier.tar.gz"

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

# A model with a primary container is not a pipeline: judged by the primary-container rule.
resource "aws_sagemaker_model" "single_container" {
  name               = "pricing-gbm-v2"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-pricing"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/pricing-serving:2.1.0"
    model_data_url = "s3://ml-artifacts-111122223333/pricing/v2/model.tar.gz"
  }
}
