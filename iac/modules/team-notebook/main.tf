variable "name" { type = string }
variable "instance_type" { type = string }
variable "hardened" { type = bool }
variable "role_arn" { type = string }
variable "kms_key_arn" { type = string }
variable "subnet_id" { type = string }
variable "security_groups" { type = list(string) }

# A hardened team notebook is private, keyed, IMDSv2-only and without root; the other one
# shows what a team gets when it opts out.
resource "aws_sagemaker_notebook_instance" "this" {
  name                   = var.name
  role_arn               = var.role_arn
  instance_type          = var.instance_type
  kms_key_id             = var.hardened ? var.kms_key_arn : null
  subnet_id              = var.hardened ? var.subnet_id : null
  security_groups        = var.hardened ? var.security_groups : null
  direct_internet_access = var.hardened ? "Disabled" : "Enabled"
  root_access            = var.hardened ? "Disabled" : "Enabled"
  platform_identifier    = var.hardened ? "notebook-al2023-v1" : "notebook-al2-v2"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = var.hardened ? "2" : "1"
  }
}

output "notebook_name" {
  value = aws_sagemaker_notebook_instance.this.name
}
