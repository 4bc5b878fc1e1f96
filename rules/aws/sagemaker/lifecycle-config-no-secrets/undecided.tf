# The script is read from a file the scan cannot see: it may hold anything.
variable "start_script" {
  type = string
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "from_variable" {
  name     = "from-variable"
  on_start = var.start_script
}
