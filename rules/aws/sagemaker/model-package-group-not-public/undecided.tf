data "aws_iam_policy_document" "churn" {
  statement {
    actions   = ["sagemaker:DescribeModelPackage"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [var.consumer_account]
    }
  }
}

variable "consumer_account" {
  type = string
}

# The document is known only after plan.
resource "aws_sagemaker_model_package_group_policy" "churn" {
  model_package_group_name = "churn-models"
  resource_policy          = data.aws_iam_policy_document.churn.json
}
