# Anyone, in any account.
resource "aws_iam_role" "public" {
  name = "ml-model-consumer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Another account, without an external id or organization condition.
resource "aws_iam_role" "vendor" {
  name = "ml-labeling-vendor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "everyone" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "from_document" {
  name               = "ml-shared-reader"
  assume_role_policy = data.aws_iam_policy_document.everyone.json
}
