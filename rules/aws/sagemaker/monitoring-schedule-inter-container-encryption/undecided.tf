# Named by a literal string: the definition is not in this code, so nothing decides it.
resource "aws_sagemaker_monitoring_schedule" "bias" {
  name = "credit-bias-weekly"

  monitoring_schedule_config {
    monitoring_job_definition_name = "credit-model-bias-definition"
    monitoring_type                = "ModelBias"

    schedule_config {
      schedule_expression = "cron(0 4 ? * MON *)"
    }
  }
}
