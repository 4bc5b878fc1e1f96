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

resource "aws_iam_role" "writer" {
  name               = "ml-writer"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "*" }]
    })
  }
}

# The writing role, but no direct internet access.
resource "aws_sagemaker_notebook_instance" "private" {
  name                   = "ml-private"
  role_arn               = aws_iam_role.writer.arn
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Disabled"
  subnet_id              = "subnet-0abc"
}

resource "aws_iam_role" "reader" {
  name               = "ml-reader"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
    })
  }
}

# Exposed, but its role only reads.
resource "aws_sagemaker_notebook_instance" "exposed_reader" {
  name          = "ml-exposed-reader"
  role_arn      = aws_iam_role.reader.arn
  instance_type = "ml.t3.medium"
}
