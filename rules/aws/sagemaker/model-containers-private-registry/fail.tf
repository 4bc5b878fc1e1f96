# No image_config anywhere: every image is pulled from ECR by the platform.
resource "aws_sagemaker_model" "ecr_pipeline" {
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

# One container in Vpc mode, the other explicitly in Platform mode.
resource "aws_sagemaker_model" "mixed_modes" {
  name               = "fraud-pipeline-v6"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-fraud"

  container {
    image = "registry.ml.corp.example.com:5000/fraud/enricher:6.0.0"

    image_config {
      repository_access_mode = "Vpc"
    }
  }

  container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/fraud-scorer:6.0.0"
    model_data_url = "s3://ml-artifacts-111122223333/fraud/v6/scorer.tar.gz"

    image_config {
      repository_access_mode = "Platform"
    }
  }

  vpc_config {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0a9b8c7d6e5f4a3b2"]
  }
}
