# AdministratorAccess with a few actions denied is still administrator access to everything
# else: the role fails (only a Deny of every action would clear it).
resource "aws_iam_role" "ops_admin" {
  name = "ops-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ops-sso" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  inline_policy {
    name = "no-passrole"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Deny", Action = ["iam:PassRole", "iam:CreateUser"], Resource = "*" }]
    })
  }
}
