data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

# The notebook's role gets AmazonSageMakerFullAccess (PassRole on every role to SageMaker).
resource "aws_iam_role" "sandbox" {
  name               = "ml-sandbox-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "sandbox_full_access" {
  role       = aws_iam_role.sandbox.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

resource "aws_sagemaker_notebook_instance" "sandbox" {
  name          = "ml-sandbox"
  role_arn      = aws_iam_role.sandbox.arn
  instance_type = "ml.t3.medium"
}

# The notebook's role writes to every bucket through a wildcard.
resource "aws_iam_role" "churn" {
  name               = "ml-churn-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:Put*", "s3:Get*"], Resource = "*" }]
    })
  }
}

resource "aws_sagemaker_notebook_instance" "churn" {
  name          = "ml-churn"
  role_arn      = aws_iam_role.churn.arn
  instance_type = "ml.t3.large"
}
