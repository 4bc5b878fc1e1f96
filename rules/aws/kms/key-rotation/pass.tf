resource "aws_kms_key" "training_artifacts" {
  description             = "SageMaker training artifacts"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

# Asymmetric keys cannot rotate automatically: not applicable.
resource "aws_kms_key" "model_signing" {
  description              = "Model package signing"
  customer_master_key_spec = "RSA_3072"
  key_usage                = "SIGN_VERIFY"
}

# A disabled key encrypts nothing new: not applicable.
resource "aws_kms_key" "retired" {
  description = "Retired notebook key"
  is_enabled  = false
}
