# No kms_key_id in output_config.
resource "aws_sagemaker_flow_definition" "no_key" {
  flow_definition_name = "invoice-review-plain"
  role_arn             = "arn:aws:iam::111122223333:role/a2i-review"

  human_loop_config {
    human_task_ui_arn                     = "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/invoice-review"
    task_availability_lifetime_in_seconds = 86400
    task_count                            = 1
    task_description                      = "Check the extracted invoice fields"
    task_title                            = "Invoice review"
    workteam_arn                          = "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/finance-reviewers"
  }

  output_config {
    s3_output_path = "s3://a2i-output-111122223333/invoice-review-plain/"
  }
}
