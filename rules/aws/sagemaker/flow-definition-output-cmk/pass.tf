resource "aws_kms_key" "review" {
  description         = "A2I review output"
  enable_key_rotation = true
}

# A reference to a key created in the same plan: known only after apply, but set.
resource "aws_sagemaker_flow_definition" "referenced_key" {
  flow_definition_name = "invoice-review-ref"
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
    s3_output_path = "s3://a2i-output-111122223333/invoice-review-ref/"
    kms_key_id     = aws_kms_key.review.arn
  }
}

resource "aws_sagemaker_flow_definition" "literal_key" {
  flow_definition_name = "invoice-review-literal"
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
    s3_output_path = "s3://a2i-output-111122223333/invoice-review-literal/"
    kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4"
  }
}
