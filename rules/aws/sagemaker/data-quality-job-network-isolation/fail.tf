resource "aws_sagemaker_data_quality_job_definition" "explicit_off" {
  name     = "churn-dq-open"
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
        s3_uri = "s3://ml-monitoring-111122223333/reports/churn-dq-open"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 2
      instance_type     = "ml.m5.xlarge"
      volume_size_in_gb = 30
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b"
    }
  }

  network_config {
    enable_inter_container_traffic_encryption = true
    enable_network_isolation                  = false
  }
}

# In a VPC, but isolation omitted, which means off.
resource "aws_sagemaker_data_quality_job_definition" "vpc_only" {
  name     = "churn-dq-vpc"
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
        s3_uri = "s3://ml-monitoring-111122223333/reports/churn-dq-vpc"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.xlarge"
      volume_size_in_gb = 30
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b"
    }
  }

  network_config {
    vpc_config {
      security_group_ids = ["sg-0c1d2e3f4a5b6c7d8"]
      subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
    }
  }
}

# No network_config at all.
resource "aws_sagemaker_data_quality_job_definition" "no_network_config" {
  name     = "churn-dq-default"
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
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring-111122223333/reports/churn-dq-default"
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
