resource "aws_sagemaker_data_quality_job_definition" "isolated" {
  name     = "churn-data-quality"
  role_arn = "arn:aws:iam::111122223333:role/sagemaker-monitoring"

  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }

  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-prod-monitoring/churn"
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

  network_config {
    enable_network_isolation                 = true
    enable_inter_container_traffic_encryption = true
  }
}

resource "aws_sagemaker_monitoring_schedule" "churn" {
  name = "churn-hourly"

  monitoring_schedule_config {
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.isolated.name
    monitoring_type                = "DataQuality"

    schedule_config {
      schedule_expression = "cron(0 * ? * * *)"
    }
  }
}
