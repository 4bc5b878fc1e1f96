resource "aws_sagemaker_endpoint_configuration" "captured" {
  name = "captured"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "churn-model"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://ml-data-capture/churn"
    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}
