# The job definition leaves network_config out: traffic between instances is not encrypted.
resource "aws_sagemaker_data_quality_job_definition" "open" {
  name     = "fraud-data-quality"
  role_arn = "arn:aws:iam::111122223333:role/sagemaker-monitoring"

  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }

  data_quality_job_input {
    endpoint_input {
      endpoint_name = "fraud"
    }
  }

  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-prod-monitoring/fraud"
      }
    }
  }

  job_resources {
    cluster_config {
      instance_count    = 2
      instance_type     = "ml.m5.xlarge"
      volume_size_in_gb = 30
    }
  }
}

resource "aws_sagemaker_monitoring_schedule" "fraud" {
  name = "fraud-daily"

  monitoring_schedule_config {
    monitoring_job_definition_name = aws_sagemaker_data_quality_job_definition.open.name
    monitoring_type                = "DataQuality"

    schedule_config {
      schedule_expression = "cron(0 3 ? * * *)"
    }
  }
}
