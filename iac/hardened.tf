# The same workloads, hardened: customer-managed keys, VPC only, isolation, redundancy.

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "${local.prefix}-research"
  role_arn               = aws_iam_role.sagemaker_execution.arn
  instance_type          = "ml.t3.medium"
  kms_key_id             = aws_kms_key.ml.arn
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.notebooks.id]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  platform_identifier    = "notebook-al2023-v1"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "aws_sagemaker_model" "fraud" {
  name                     = "${local.prefix}-fraud"
  execution_role_arn       = aws_iam_role.sagemaker_execution.arn
  enable_network_isolation = true

  primary_container {
    image          = local.model_image
    model_data_url = local.model_bucket
    image_config {
      repository_access_mode = "Vpc"
    }
  }

  vpc_config {
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.notebooks.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "fraud" {
  name        = "${local.prefix}-fraud"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.fraud.name
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 2
  }

  # Sampled requests and responses kept for Model Monitor and investigations.
  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://${aws_s3_bucket.artifacts.bucket}/data-capture/fraud"
    kms_key_id                  = aws_kms_key.ml.arn
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_domain" "studio" {
  domain_name             = "${local.prefix}-studio"
  auth_mode               = "SSO"
  vpc_id                  = aws_vpc.ml.id
  subnet_ids              = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  app_network_access_type = "VpcOnly"
  kms_key_id              = aws_kms_key.ml.arn

  default_user_settings {
    execution_role  = aws_iam_role.sagemaker_execution.arn
    security_groups = [aws_security_group.notebooks.id]
  }
}

resource "aws_sagemaker_feature_group" "transactions" {
  feature_group_name             = "${local.prefix}-transactions"
  record_identifier_feature_name = "transaction_id"
  event_time_feature_name        = "event_time"
  role_arn                       = aws_iam_role.sagemaker_execution.arn

  feature_definition {
    feature_name = "transaction_id"
    feature_type = "String"
  }

  feature_definition {
    feature_name = "event_time"
    feature_type = "String"
  }

  online_store_config {
    enable_online_store = true
    security_config {
      kms_key_id = aws_kms_key.ml.arn
    }
  }

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://${local.prefix}-feature-store/transactions"
      kms_key_id = aws_kms_key.ml.arn
    }
  }
}
