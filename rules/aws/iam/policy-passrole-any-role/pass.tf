# PassRole on the one execution role the launcher uses.
resource "aws_iam_policy" "pass_one_role" {
  name = "ml-launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::111122223333:role/ml-training-execution"
      Condition = { StringEquals = { "iam:PassedToService" = "sagemaker.amazonaws.com" } }
    }]
  })
}

# IAM read wildcards on every resource grant no PassRole.
data "aws_iam_policy_document" "iam_read" {
  statement {
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "iam_read" {
  name   = "iam-read"
  role   = "ml-auditor"
  policy = data.aws_iam_policy_document.iam_read.json
}
