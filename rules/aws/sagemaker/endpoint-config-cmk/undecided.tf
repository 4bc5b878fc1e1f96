# The configuration lives in another stack: the endpoint cannot be judged from this code.
resource "aws_sagemaker_endpoint" "churn" {
  name                 = "churn-prod"
  endpoint_config_name = "churn-prod-v7"
}
