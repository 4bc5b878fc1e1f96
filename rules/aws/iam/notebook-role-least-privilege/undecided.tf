# The role is not in this code: its permissions cannot be judged here.
resource "aws_sagemaker_notebook_instance" "external_role" {
  name          = "ml-shared"
  role_arn      = "arn:aws:iam::111122223333:role/platform-managed-notebook"
  instance_type = "ml.t3.medium"
}
