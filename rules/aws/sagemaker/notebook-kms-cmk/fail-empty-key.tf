# An empty key is no key: SageMaker encrypts the volume with its own AWS managed key.
resource "aws_sagemaker_notebook_instance" "empty_key" {
  name          = "scratch-empty-key"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook"
  kms_key_id    = ""
}
