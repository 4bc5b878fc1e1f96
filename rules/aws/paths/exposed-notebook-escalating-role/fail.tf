data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

# The notebook's role can pass any role to SageMaker (AmazonSageMakerFullAccess); the notebook
# has direct internet access by default.
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
