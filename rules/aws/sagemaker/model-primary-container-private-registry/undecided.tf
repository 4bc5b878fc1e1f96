variable "repository_access_mode" {
  type = string
}

resource "aws_sagemaker_model" "configurable" {
  name               = "team-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-team"

  primary_container {
    image          = "registry.ml.corp.example.com:5000/team/serving:0.9.0"
    model_data_url = "s3://ml-artifacts-111122223333/team/model.tar.gz"

    image_config {
      repository_access_mode = var.repository_access_mode
    }
  }
}
