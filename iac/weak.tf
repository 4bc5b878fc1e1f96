# The way ML resources are often first written: every setting left to the service default.

resource "aws_sagemaker_notebook_instance" "sandbox" {
  name          = "${local.prefix}-sandbox"
  role_arn      = aws_iam_role.sandbox_execution.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_model" "churn" {
  name               = "${local.prefix}-churn"
  execution_role_arn = aws_iam_role.sandbox_execution.arn

  primary_container {
    image          = local.model_image
    model_data_url = "s3://${aws_s3_bucket.sandbox_artifacts.bucket}/churn/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "churn" {
  name = "${local.prefix}-churn"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.churn.name
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_domain" "studio_public" {
  domain_name = "${local.prefix}-studio-public"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.ml.id
  subnet_ids  = [aws_subnet.private_a.id]

  default_user_settings {
    execution_role = aws_iam_role.sandbox_execution.arn
  }
}

resource "aws_sagemaker_feature_group" "transactions_raw" {
  feature_group_name             = "${local.prefix}-transactions-raw"
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
  }

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://${aws_s3_bucket.raw_features.bucket}/raw"
    }
  }
}

# The execution role of the weak notebook, model and Studio domain, as it is often first
# written: the console's AmazonSageMakerFullAccess, plus a "launcher" policy whose iam:Pass*
# wildcard is PassRole on every role.
resource "aws_iam_role" "sandbox_execution" {
  name               = "${local.prefix}-sandbox-execution"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "sandbox_full_access" {
  role       = aws_iam_role.sandbox_execution.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

data "aws_iam_policy_document" "sandbox_launch" {
  statement {
    actions   = ["iam:Pass*", "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "sandbox_launch" {
  name   = "launch-jobs"
  role   = aws_iam_role.sandbox_execution.id
  policy = data.aws_iam_policy_document.sandbox_launch.json
}
