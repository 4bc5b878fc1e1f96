# Needs the reach of identities (can_write) from the IAM analysis.
data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket" "models" {
  bucket = "ml-models-prod"
}

resource "aws_sagemaker_model" "ranker" {
  name               = "ranker"
  execution_role_arn = "arn:aws:iam::123456789012:role/ml-model"
  primary_container {
    image          = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/inference:1"
    model_data_url = "s3://${aws_s3_bucket.models.bucket}/ranker/model.tar.gz"
  }
}

# The notebook's role may put objects in every bucket.
resource "aws_iam_role" "notebook" {
  name               = "ml-notebook"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "*" }]
    })
  }
}

# Direct internet access by default.
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "ml-research"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"
}
