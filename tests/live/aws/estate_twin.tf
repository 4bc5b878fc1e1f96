# The Terraform twin of the weak resources of estate.py: the same settings written as code.
# Audited live or scanned as code, each must fail the same rules.

resource "aws_iam_role" "weak" {
  name = "ml-weak"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  inline_policy {
    name   = "access"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}

resource "aws_sagemaker_notebook_instance" "weak" {
  name          = "nb-weak"
  instance_type = "ml.t3.medium"
  role_arn      = aws_iam_role.weak.arn
}

resource "aws_sagemaker_model" "weak" {
  name               = "m-weak"
  execution_role_arn = aws_iam_role.weak.arn

  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/estate:3"
    model_data_url = "s3://estate-hardened-output/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "weak" {
  name = "ec-weak"

  production_variants {
    variant_name           = "primary"
    model_name             = "m-hardened"
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint" "weak" {
  name                 = "ep-weak"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.weak.name
}

resource "aws_sagemaker_domain" "weak" {
  domain_name = "d-weak"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123abcd4567ef890"
  subnet_ids  = ["subnet-0e1d2c3b4a5968778"]

  default_user_settings {
    execution_role = aws_iam_role.weak.arn
  }
}

resource "aws_sagemaker_data_quality_job_definition" "weak" {
  name     = "dq-weak"
  role_arn = aws_iam_role.weak.arn

  data_quality_app_specification {
    image_uri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/estate:3"
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }

  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://estate-hardened-output/dq"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}

# The bucket m-weak's artefacts are loaded from (hardened, as estate.py seeds it): nb-weak's
# role can overwrite it, an attack path (MLP-AWS-PATH-001) in code as live.
resource "aws_kms_key" "output" {
  description         = "estate hardened"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "output" {
  bucket = "estate-hardened-output"
}

resource "aws_s3_bucket_public_access_block" "output" {
  bucket                  = aws_s3_bucket.output.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "output" {
  bucket = aws_s3_bucket.output.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "output" {
  bucket = aws_s3_bucket.output.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.output.arn
    }
  }
}
