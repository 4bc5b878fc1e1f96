resource "aws_kms_key" "notebooks" {
  description         = "SageMaker notebook storage volumes"
  enable_key_rotation = true
}

# A reference to a key created in the same plan: known only after apply, but set.
resource "aws_sagemaker_notebook_instance" "referenced_key" {
  name                   = "fraud-research"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker-notebook-fraud"
  instance_type          = "ml.t3.large"
  subnet_id              = "subnet-0aa11bb22cc33dd44"
  security_groups        = ["sg-0c1d2e3f4a5b6c7d8"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  kms_key_id             = aws_kms_key.notebooks.arn
}

resource "aws_sagemaker_notebook_instance" "literal_key_arn" {
  name          = "churn-exploration"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-churn"
  instance_type = "ml.m5.xlarge"
  kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
}

# A bare key ID is accepted by the API too.
resource "aws_sagemaker_notebook_instance" "literal_key_id" {
  name          = "pricing-sandbox"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker-notebook-pricing"
  instance_type = "ml.t3.medium"
  kms_key_id    = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b"
}
