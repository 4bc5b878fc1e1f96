resource "aws_sagemaker_model" "hub_token_in_env" {
  name               = "hub-token-in-env"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"

  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    environment = {
      MODEL_NAME  = "ranker"
      DB_PASSWORD = "Pr0duction-Passw0rd-2026"
    }
  }
}

# An inference pipeline: the second container carries an access key.
resource "aws_sagemaker_model" "key_in_pipeline" {
  name               = "key-in-pipeline"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"

  container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/preprocess:1"
  }
  container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    environment = {
      AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
    }
  }
}
