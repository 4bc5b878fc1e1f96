variable "notebook_platform" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "configurable" {
  name                = "team-workbench"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-notebook-team"
  instance_type       = "ml.t3.medium"
  platform_identifier = var.notebook_platform
}
