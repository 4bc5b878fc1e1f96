resource "aws_kms_key" "features" {
  description         = "Feature Store offline store"
  enable_key_rotation = true
}

# A reference to a key created in the same plan: known only after apply, but set.
resource "aws_sagemaker_feature_group" "referenced_key" {
  feature_group_name             = "customer-transactions"
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

  offline_store_config {
    s3_storage_config {
      s3_uri     = "s3://ml-feature-store-111122223333/offline"
      kms_key_id = aws_kms_key.features.arn
    }
  }
}

resource "aws_sagemaker_feature_group" "literal_key" {
  feature_group_name             = "card-risk-scores"
  record_identifier_feature_name = "card_id"
  event_time_feature_name        = "scored_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "card_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "scored_at"
    feature_type = "Fractional"
  }

  offline_store_config {
    disable_glue_table_creation = true
    s3_storage_config {
      s3_uri     = "s3://ml-feature-store-111122223333/risk"
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
    }
  }

  online_store_config {
    enable_online_store = true
  }
}

# Online store only: there is no offline store to encrypt (not applicable).
resource "aws_sagemaker_feature_group" "online_only" {
  feature_group_name             = "session-features"
  record_identifier_feature_name = "session_id"
  event_time_feature_name        = "updated_at"
  role_arn                       = "arn:aws:iam::111122223333:role/feature-store-ingest"

  feature_definition {
    feature_name = "session_id"
    feature_type = "String"
  }
  feature_definition {
    feature_name = "updated_at"
    feature_type = "Fractional"
  }

  online_store_config {
    enable_online_store = true
  }
}
