# The bucket is not in the scanned code: it cannot be judged.
resource "aws_sagemaker_model" "elsewhere" {
  name               = "elsewhere"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://ml-models-of-another-team/ranker/model.tar.gz"
  }
}
