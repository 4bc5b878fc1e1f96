# No data capture; a configuration that leaves enable_capture out (the provider sends false); one switched off.
resource "aws_sagemaker_endpoint_configuration" "no_capture" {
  name = "no-capture"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "churn-model"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }
}

resource "aws_sagemaker_endpoint_configuration" "flag_left_out" {
  name = "flag-left-out"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "churn-model"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
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

resource "aws_sagemaker_endpoint_configuration" "capture_off" {
  name = "capture-off"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "churn-model"
    instance_type          = "ml.m5.large"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = false
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
