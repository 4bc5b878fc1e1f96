# Attack paths (MLP-AWS-PATH-002): the churn endpoint serves the churn model, whose artefacts
# sit in the sandbox bucket anyone may read (iac/data_stores.tf): endpoint -> configuration ->
# model -> public bucket. Each twin below breaks that path at one hop of its own.
resource "aws_sagemaker_endpoint" "churn" {
  name                 = "${local.prefix}-churn"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.churn.name
}

# Breaks hop 1: its configuration is not in this code (deployed by another team's pipeline).
resource "aws_sagemaker_endpoint" "churn_external_config" {
  name                 = "${local.prefix}-churn-external"
  endpoint_config_name = "churn-config-managed-elsewhere"
}

# Breaks hop 2: the configuration serves a model that is not in this code.
resource "aws_sagemaker_endpoint" "churn_external_model" {
  name                 = "${local.prefix}-churn-external-model"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.churn_external_model.name
}

resource "aws_sagemaker_endpoint_configuration" "churn_external_model" {
  name        = "${local.prefix}-churn-external-model"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = "churn-model-registered-elsewhere"
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${aws_s3_bucket.artifacts.bucket}/data-capture/churn"
    kms_key_id                  = aws_kms_key.ml.arn
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}

# Breaks hop 3: the fraud model's artefacts are in the private, versioned artefact bucket.
resource "aws_sagemaker_endpoint" "fraud" {
  name                 = "${local.prefix}-fraud"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.fraud.name
}
