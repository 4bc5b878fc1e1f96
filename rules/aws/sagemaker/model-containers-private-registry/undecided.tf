variable "scorer_access_mode" {
  type = string
}

resource "aws_sagemaker_model" "configurable" {
  name               = "team-pipeline"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-model-team"

  container {
    image = "registry.ml.corp.example.com:5000/team/preprocess:1.0.0"

    image_config {
      repository_access_mode = "Vpc"
    }
  }

  container {
    image = "registry.ml.corp.example.com:5000/team/scorer:1.0.0"

    image_config {
      repository_access_mode = var.scorer_access_mode
    }
  }
}
