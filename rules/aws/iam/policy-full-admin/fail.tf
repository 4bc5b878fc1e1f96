# Administrator access written out in JSON.
resource "aws_iam_policy" "break_glass" {
  name = "ml-platform-break-glass"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

# The same grant from an aws_iam_policy_document data source, as a role's inline policy.
data "aws_iam_policy_document" "everything" {
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "pipeline_admin" {
  name   = "pipeline-admin"
  role   = "ml-pipeline-runner"
  policy = data.aws_iam_policy_document.everything.json
}

# A heredoc: the condition does not narrow what the statement grants.
resource "aws_iam_policy" "tagged_admin" {
  name   = "ml-tagged-admin"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"],
         "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}
      ]
    }
  JSON
}
