# Everything except IAM: PowerUserAccess written by hand.
resource "aws_iam_policy" "power_user" {
  name = "ml-power-user"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }]
  })
}

data "aws_iam_policy_document" "all_but_delete" {
  statement {
    not_actions = ["s3:DeleteBucket"]
    resources   = ["arn:aws:s3:::ml-datasets-eu-west-1"]
  }
}

resource "aws_iam_role_policy" "all_but_delete" {
  name   = "all-but-delete"
  role   = "ml-dataset-admin"
  policy = data.aws_iam_policy_document.all_but_delete.json
}
