resource "aws_sagemaker_model" "secret_by_reference" {
  name               = "secret-by-reference"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"

  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    environment = {
      MODEL_NAME         = "ranker"
      DB_PASSWORD_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ml/db-AbCdEf"
      SAGEMAKER_PROGRAM  = "inference.py"
    }
  }
}

resource "aws_sagemaker_model" "no_environment" {
  name               = "no-environment"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"

  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
  }
}
