data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "research" {
  name               = "ml-research-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
}

resource "aws_iam_role_policy" "research_data" {
  name = "research-data"
  role = aws_iam_role.research.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::ml-research-eu-west-1", "arn:aws:s3:::ml-research-eu-west-1/*"]
    }]
  })
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "ml-research"
  role_arn      = aws_iam_role.research.arn
  instance_type = "ml.t3.medium"
}
