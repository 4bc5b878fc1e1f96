# Two containers from the private registry, the third without image_config: Platform mode.
resource "aws_sagemaker_model" "pipeline_mixed" {
  name               = "fraud-pipeline-mixed"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-inference"

  container {
    image = "registry.internal.example.com/ml/preprocess:2.1"
    image_config {
      repository_access_mode = "Vpc"
    }
  }

  container {
    image = "registry.internal.example.com/ml/xgboost:1.7"
    image_config {
      repository_access_mode = "Vpc"
    }
  }

  container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/postprocess:0.9"
  }

  vpc_config {
    subnets            = ["subnet-0c1d2e3f"]
    security_group_ids = ["sg-0c1d2e3f"]
  }
}
