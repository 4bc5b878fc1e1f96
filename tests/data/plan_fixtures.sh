#!/bin/bash
# Make a rule's plan fixtures from its Terraform ones: RULE_DIR/{pass,fail}.tf ->
# {pass,fail}.plan.json, planned offline with Terraform 1.11.4 and the hashicorp/aws 5.100.0
# provider from the filesystem mirror at /opt/tf-plugins (as replan.sh does for iac/).
# Usage: tests/data/plan_fixtures.sh rules/aws/iam/role-trust-open [more rule dirs...]
set -euo pipefail
for RULE in "$@"; do
  for NAME in pass fail; do
    [ -f "$RULE/$NAME.tf" ] || continue
    W=$(mktemp -d /tmp/planfix.XXXX)
    cp "$RULE/$NAME.tf" "$W/main.tf"
    cat > "$W/provider.tf" <<'TF'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.100" }
  }
}

provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
TF
    cat > "$W/.terraformrc" <<'RC'
provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
}
RC
    (
      cd "$W"
      export TF_CLI_CONFIG_FILE="$W/.terraformrc" AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE \
        AWS_SECRET_ACCESS_KEY=dummy AWS_EC2_METADATA_DISABLED=true
      terraform init -input=false -no-color >/dev/null
      terraform plan -input=false -no-color -refresh=false -out plan.bin >/dev/null
      terraform show -json plan.bin | python3 -m json.tool --indent 4 > plan.json
    )
    mv "$W/plan.json" "$RULE/$NAME.plan.json"
    rm -rf "$W"
    echo "planned $RULE/$NAME.plan.json"
  done
done
