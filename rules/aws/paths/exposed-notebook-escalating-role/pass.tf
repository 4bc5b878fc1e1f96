data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "sandbox" {
  name               = "ml-sandbox-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy_attachment" "sandbox_full_access" {
  role       = aws_iam_role.sandbox.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}

# The escalating role, but the notebook is not reachable from the internet.
resource "aws_sagemaker_notebook_instance" "private" {
  name                   = "ml-private"
  role_arn               = aws_iam_role.sandbox.arn
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-0abc"
}

resource "aws_iam_role" "scoped" {
  name               = "ml-scoped-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow",
        Action   = ["s3:GetObject"],
        Resource = "arn:aws:s3:::ml-data/*"
      }]
    })
  }
}

# Exposed, but its role cannot escalate.
resource "aws_sagemaker_notebook_instance" "exposed_scoped" {
  name          = "ml-exposed-scoped"
  role_arn      = aws_iam_role.scoped.arn
  instance_type = "ml.t3.medium"
}
