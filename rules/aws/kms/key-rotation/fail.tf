resource "aws_kms_key" "notebook_volumes" {
  description = "SageMaker notebook volumes"
}

resource "aws_kms_key" "endpoint_volumes" {
  description             = "SageMaker endpoint volumes"
  enable_key_rotation     = false
  deletion_window_in_days = 14
}
