variable "notebook_root_access" {
  type        = string
  description = "Enabled or Disabled"
}

resource "aws_sagemaker_notebook_instance" "configurable" {
  name          = "team-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-team"
  instance_type = "ml.t3.medium"
  root_access   = var.notebook_root_access
}
