variable "rotate_keys" {
  type = bool
}

resource "aws_kms_key" "feature_store" {
  description         = "Feature store offline store"
  enable_key_rotation = var.rotate_keys
}
