#!/bin/bash
# Re-make tests/data/iac.plan.json from iac/ (AWS part), as README.md here describes. Needs
# Terraform and the hashicorp/aws 5.100.0 provider in a filesystem mirror at /opt/tf-plugins.
set -euo pipefail
REPO=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
W=$(mktemp -d /tmp/replan.XXXX)
cp "$REPO"/iac/*.tf "$W"/; cp -r "$REPO"/iac/modules "$W"/
cat > "$W/.terraformrc" <<'RC'
provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/*/*"]
  }
}
RC
python3 - "$W" <<'PY'
import re, sys, pathlib
w = pathlib.Path(sys.argv[1])
m = w / "main.tf"
s = m.read_text()
s = s.replace("  region = var.region\n", "  region                      = var.region\n  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n  skip_metadata_api_check     = true\n  skip_region_validation      = true\n", 1)
m.write_text(s)
# aws 5.100 rejects notebook-al2023-v1 (6.x accepts it): leave it to the service default.
for f in [w / "hardened.tf", w / "modules/team-notebook/main.tf"]:
    t = f.read_text()
    t = re.sub(r'\n  platform_identifier    = "notebook-al2023-v1"', "", t)
    t = t.replace('var.hardened ? "notebook-al2023-v1" : "notebook-al2-v2"', 'var.hardened ? null : "notebook-al2-v2"')
    f.write_text(t)
PY
cd "$W"
export TF_CLI_CONFIG_FILE="$W/.terraformrc" AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=dummy AWS_EC2_METADATA_DISABLED=true
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -refresh=false -out plan.bin >/dev/null
terraform show -json plan.bin > plan.json
python3 - "$W/plan.json" "$REPO/tests/data/iac.plan.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exprs = d["configuration"]["provider_config"]["aws"]["expressions"]
for k in list(exprs):
    if k.startswith("skip_"):
        del exprs[k]
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
echo "planned into $REPO/tests/data/iac.plan.json ($W)"
