resource "aws_kms_key" "online" {
  description         = "Feature Store online store"
  enable_key_rotation = true
}

# Standard storage (the default), key referenced from the same plan: set.
resource "aws_sagemaker_feature_group" "referenced_key" {
  feature_group_name             = "customer-profile"
  record_identifier_feature_name = "customer_id"
  event_time_feature_name        = "event_time"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "customer_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "event_time"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = true
    security_config {
      kms_key_id = aws_kms_key.online.arn
    }
  }
}

resource "aws_sagemaker_feature_group" "standard_literal_key" {
  feature_group_name             = "merchant-stats"
  record_identifier_feature_name = "merchant_id"
  event_time_feature_name        = "computed_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "merchant_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "computed_at"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = true
    storage_type        = "Standard"
    security_config {
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
    }
  }
}

# InMemory tier: outside the control's scope.
resource "aws_sagemaker_feature_group" "in_memory" {
  feature_group_name             = "ad-embeddings"
  record_identifier_feature_name = "ad_id"
  event_time_feature_name        = "updated_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "ad_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "updated_at"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = true
    storage_type        = "InMemory"
  }
}

# Online store block present but not enabled: not applicable.
resource "aws_sagemaker_feature_group" "online_disabled" {
  feature_group_name             = "batch-only-features"
  record_identifier_feature_name = "account_id"
  event_time_feature_name        = "as_of"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "account_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "as_of"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = false
  }

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://ml-feature-store-111122223333/batch"
    }
  }
}

# Offline store only: no online store at all.
resource "aws_sagemaker_feature_group" "offline_only" {
  feature_group_name             = "training-history"
  record_identifier_feature_name = "order_id"
  event_time_feature_name        = "ordered_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "order_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "ordered_at"
    feature_type = "Fractional"
  }

  offline_store_config {
    s3_storage_config {
      s3_uri = "s3://ml-feature-store-111122223333/history"
    }
  }
}
