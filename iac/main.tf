terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.60" }
  }
}

provider "aws" {
  region = var.region
}

locals {
  prefix       = "ml-${var.environment}"
  model_image  = "111122223333.dkr.ecr.${var.region}.amazonaws.com/fraud-model:1.4.2"
  model_bucket = "s3://${local.prefix}-artifacts/fraud/model.tar.gz"
}

# Every team gets a notebook from the shared module; `hardened` decides its settings.
module "team_notebooks" {
  for_each = var.teams
  source   = "./modules/team-notebook"

  name            = "${local.prefix}-${each.key}"
  instance_type   = each.value.instance_type
  hardened        = each.value.hardened
  role_arn        = aws_iam_role.sagemaker_execution.arn
  kms_key_arn     = aws_kms_key.ml.arn
  subnet_id       = aws_subnet.private_a.id
  security_groups = [aws_security_group.notebooks.id]
}
