variable "isolate_model" {
  type = bool
}

resource "aws_sagemaker_model" "configurable" {
  name                     = "team-model"
  execution_role_arn       = "arn:aws:iam::111122223333:role/sagemaker-model-team"
  enable_network_isolation = var.isolate_model

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team-serving:0.9.0"
    model_data_url = "s3://ml-artifacts-111122223333/team/model.tar.gz"
  }
}
