# Amazon Linux 2 with JupyterLab 4: end of support on 2026-06-30.
resource "aws_sagemaker_notebook_instance" "al2_jupyterlab4" {
  name                = "nlp-topic-models"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-notebook-nlp"
  instance_type       = "ml.t3.xlarge"
  platform_identifier = "notebook-al2-v3"
}

resource "aws_sagemaker_notebook_instance" "al2_jupyterlab3" {
  name                = "pricing-elasticity"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-notebook-pricing"
  instance_type       = "ml.m5.xlarge"
  platform_identifier = "notebook-al2-v2"
}

resource "aws_sagemaker_notebook_instance" "al1" {
  name                = "legacy-sklearn"
  role_arn            = "arn:aws:iam::111122223333:role/sagemaker-notebook-legacy"
  instance_type       = "ml.t2.medium"
  platform_identifier = "notebook-al1-v1"
}
