resource "aws_kms_key" "monitoring" {
  description         = "Model Monitor reports"
  enable_key_rotation = true
}

# A reference to a key created in the same plan: known only after apply, but set.
resource "aws_sagemaker_data_quality_job_definition" "referenced_key" {
  name     = "churn-dq-ref"
  role_arn = "arn:aws:iam::111122223333:role/model-monitor"

  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer:latest"
  }

  data_quality_baseline_config {
    constraints_resource {
      s3_uri = "s3://ml-monitoring-111122223333/baselines/churn/constraints.json"
    }
    statistics_resource {
      s3_uri = "s3://ml-monitoring-111122223333/baselines/churn/statistics.json"
    }
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn-prediction"
    }
  }

  data_quality_job_output_config {
    kms_key_id = aws_kms_key.monitoring.arn
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring-111122223333/reports/churn-dq-ref"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.xlarge"
      volume_size_in_gb = 30
    }
  }

  network_config {
    enable_inter_container_traffic_encryption = true
    enable_network_isolation                  = true
  }
}

resource "aws_sagemaker_data_quality_job_definition" "literal_key" {
  name     = "churn-dq-literal"
  role_arn = "arn:aws:iam::111122223333:role/model-monitor"

  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer:latest"
  }

  data_quality_baseline_config {
    constraints_resource {
      s3_uri = "s3://ml-monitoring-111122223333/baselines/churn/constraints.json"
    }
    statistics_resource {
      s3_uri = "s3://ml-monitoring-111122223333/baselines/churn/statistics.json"
    }
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn-prediction"
    }
  }

  data_quality_job_output_config {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring-111122223333/reports/churn-dq-literal"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.xlarge"
      volume_size_in_gb = 30
    }
  }
}
