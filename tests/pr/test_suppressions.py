"""Inline suppressions in Terraform, CloudFormation and ARM, as a pull-request check sees them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.pr.conftest import INTERNET, ROOT, run, run_json, statuses, weak_notebook

NOTEBOOK = "aws_sagemaker_notebook_instance"
RULES = ("--rule", INTERNET, "--rule", ROOT)


def test_hcl_comment_above_and_inside_the_block(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="egress goes through the proxy VPC"\n'
        + weak_notebook("above").lstrip()
        + weak_notebook("inside").replace(
            "  name ", f'  // mlposture:ignore {ROOT} reason="vendor driver build"\n  name ', 1
        )
        + weak_notebook("plain")
    )
    code, report = run_json("scan", ".", *RULES)
    assert statuses(report) == {
        (f"{NOTEBOOK}.above", INTERNET): "suppressed",
        (f"{NOTEBOOK}.above", ROOT): "failed",
        (f"{NOTEBOOK}.inside", INTERNET): "failed",
        (f"{NOTEBOOK}.inside", ROOT): "suppressed",
        (f"{NOTEBOOK}.plain", INTERNET): "failed",
        (f"{NOTEBOOK}.plain", ROOT): "failed",
    }
    suppressed = next(r for r in report["results"] if r["status"] == "suppressed")
    assert suppressed["suppression"] == {
        "reason": "egress goes through the proxy VPC",
        "expires": None,
        "expired": False,
        "file": "./main.tf",
        "line": 1,
    }
    assert report["summary"]["suppressed"] == 2
    assert report["summary"]["failed"] == 4
    assert report["errors"] == []
    assert code == 1  # the unsuppressed failures still fail


def test_suppressed_results_alone_do_not_fail_the_exit_code(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET}, {ROOT} reason="sandbox account" expires=2099-12-31\n'
        + weak_notebook("sandbox").lstrip()
    )
    code, report = run_json("scan", ".", *RULES)
    assert code == 0
    assert set(statuses(report).values()) == {"suppressed"}
    assert {r["suppression"]["expires"] for r in report["results"]} == {"2099-12-31"}
    assert report["summary"]["failed"] == 0
    assert report["summary"]["failed_by_severity"] == {}


def test_a_comment_separated_by_a_blank_line_or_on_another_block_does_not_count(
    project: Path,
) -> None:
    (project / "main.tf").write_text(
        weak_notebook("first").lstrip()
        + f'# mlposture:ignore {INTERNET} reason="only for second"\n'
        + weak_notebook("second").lstrip()
        + f'\n# mlposture:ignore {ROOT} reason="detached"\n\n'
        + weak_notebook("third").lstrip()
    )
    _, report = run_json("scan", ".", *RULES)
    assert statuses(report) == {
        (f"{NOTEBOOK}.first", INTERNET): "failed",
        (f"{NOTEBOOK}.first", ROOT): "failed",
        (f"{NOTEBOOK}.second", INTERNET): "suppressed",
        (f"{NOTEBOOK}.second", ROOT): "failed",
        (f"{NOTEBOOK}.third", INTERNET): "failed",
        (f"{NOTEBOOK}.third", ROOT): "failed",
    }


def test_braces_in_strings_and_heredocs_do_not_end_the_block_early(project: Path) -> None:
    (project / "main.tf").write_text(
        f"""
resource "aws_sagemaker_notebook_instance" "tricky" {{
  name          = "tricky"
  role_arn      = "arn:aws:iam::111122223333:role/x"
  instance_type = "ml.t3.medium"
  tags = {{
    note = "a }} brace"
  }}
  lifecycle_config_name = <<EOT
}}
EOT
  # mlposture:ignore {INTERNET} reason="still inside the block"
}}
"""
    )
    _, report = run_json("scan", ".", *RULES)
    assert statuses(report)[(f"{NOTEBOOK}.tricky", INTERNET)] == "suppressed"


def test_every_instance_of_a_counted_resource_is_suppressed(project: Path) -> None:
    (project / "main.tf").write_text(
        weak_notebook("fleet").replace(
            "  name ", f'  count = 2\n  # mlposture:ignore {INTERNET} reason="lab"\n  name ', 1
        )
    )
    _, report = run_json("scan", ".", "--rule", INTERNET)
    assert statuses(report) == {
        (f"{NOTEBOOK}.fleet[0]", INTERNET): "suppressed",
        (f"{NOTEBOOK}.fleet[1]", INTERNET): "suppressed",
    }


def test_a_module_with_a_broken_file_keeps_its_suppressions(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="lab"\n' + weak_notebook("lab").lstrip()
    )
    (project / "broken.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = \n')
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert statuses(report) == {(f"{NOTEBOOK}.lab", INTERNET): "suppressed"}
    assert [e["file"] for e in report["errors"]] == ["./broken.tf"]
    assert code == 1  # the broken file


def test_expired_suppression_fails_again_and_says_so(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {INTERNET} reason="until the VPC exists" expires=2021-03-31\n'
        + weak_notebook("late").lstrip()
    )
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert code == 1
    [result] = report["results"]
    assert result["status"] == "failed"
    assert result["suppression"]["expired"] is True
    assert result["suppression"]["expires"] == "2021-03-31"
    assert report["summary"]["suppressed"] == 0
    code, table = run("scan", ".", "--rule", INTERNET)
    assert "suppression expired on 2021-03-31" in table


def test_suppression_without_reason_is_an_error_with_file_and_line(project: Path) -> None:
    (project / "main.tf").write_text(
        weak_notebook("careless").replace("  name ", f"  # mlposture:ignore {INTERNET}\n  name ", 1)
    )
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert code == 1
    assert report["errors"] == [
        {
            "file": "./main.tf",
            "line": 3,
            "message": f'suppression of {INTERNET} has no reason (add reason="...")',
        }
    ]
    # A suppression that is not valid suppresses nothing.
    assert statuses(report) == {(f"{NOTEBOOK}.careless", INTERNET): "failed"}


def test_unknown_rule_and_bad_date_are_errors(project: Path) -> None:
    (project / "main.tf").write_text(
        '# mlposture:ignore MLP-AWS-SM-999 reason="typo"\n'
        f'# mlposture:ignore {INTERNET} reason="x" expires=31/12/2030\n'
        '# mlposture:ignore reason="no rule"\n' + weak_notebook("n").lstrip()
    )
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert code == 1
    assert [(e["line"], e["message"]) for e in report["errors"]] == [
        (1, "suppression names unknown rule 'MLP-AWS-SM-999'"),
        (2, "suppression expiry '31/12/2030' is not a date (YYYY-MM-DD)"),
        (3, "mlposture:ignore needs a rule id"),
    ]


def test_suppression_of_a_rule_left_out_by_rule_is_not_an_error(project: Path) -> None:
    (project / "main.tf").write_text(
        f'# mlposture:ignore {ROOT} reason="known"\n' + weak_notebook("n").lstrip()
    )
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert report["errors"] == []
    assert code == 1


CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Research:
    Type: AWS::SageMaker::NotebookInstance
    Metadata:
      mlposture:
        ignore:
          - id: {internet}
            reason: research account without a VPC
            expires: 2099-12-31
          - id: {root}
            reason: kernel module builds
            expires: 2020-06-30
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/research
  Careless:
    Type: AWS::SageMaker::NotebookInstance
    Metadata:
      mlposture:
        ignore:
          - id: {internet}
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/careless
"""


def test_cloudformation_metadata(project: Path) -> None:
    (project / "stack.yaml").write_text(CFN.format(internet=INTERNET, root=ROOT))
    code, report = run_json("scan", ".", *RULES)
    assert statuses(report) == {
        ("Research", INTERNET): "suppressed",
        ("Research", ROOT): "failed",  # expired
        ("Careless", INTERNET): "failed",
        ("Careless", ROOT): "failed",
    }
    by_key = {(r["resource"]["id"], r["rule_id"]): r for r in report["results"]}
    assert by_key[("Research", INTERNET)]["suppression"]["reason"] == (
        "research account without a VPC"
    )
    assert by_key[("Research", ROOT)]["suppression"]["expired"] is True
    assert report["errors"] == [
        {
            "file": "stack.yaml",
            "line": 22,
            "message": f'suppression of {INTERNET} has no reason (add reason="...")',
        }
    ]
    assert code == 1


def test_cloudformation_json_metadata(project: Path) -> None:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Nb": {
                "Type": "AWS::SageMaker::NotebookInstance",
                "Metadata": {"mlposture": {"ignore": [{"id": INTERNET, "reason": "lab"}]}},
                "Properties": {
                    "InstanceType": "ml.t3.medium",
                    "RoleArn": "arn:aws:iam::111122223333:role/nb",
                },
            }
        },
    }
    (project / "stack.json").write_text(json.dumps(template, indent=2))
    code, report = run_json("scan", ".", "--rule", INTERNET)
    assert statuses(report) == {("Nb", INTERNET): "suppressed"}
    assert code == 0


ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
PUBLIC_WORKSPACE = "MLP-AZ-ML-001"  # public network access disabled (high)


def _workspace(name: str, metadata: object | None) -> dict[str, object]:
    resource: dict[str, object] = {
        "type": "Microsoft.MachineLearningServices/workspaces",
        "apiVersion": "2024-10-01",
        "name": name,
        "location": "westeurope",
        "properties": {"publicNetworkAccess": "Enabled"},
    }
    if metadata is not None:
        resource["metadata"] = metadata
    return resource


def test_arm_metadata(project: Path) -> None:
    template = {
        "$schema": ARM_SCHEMA,
        "contentVersion": "1.0.0.0",
        "resources": [
            _workspace(
                "shared-lab",
                {"mlposture": {"ignore": [{"id": PUBLIC_WORKSPACE, "reason": "lab tenant"}]}},
            ),
            _workspace("prod", None),
            _workspace("careless", {"mlposture": {"ignore": [{"id": PUBLIC_WORKSPACE}]}}),
        ],
    }
    (project / "azuredeploy.json").write_text(json.dumps(template, indent=2))
    code, report = run_json("scan", ".", "--rule", PUBLIC_WORKSPACE)
    assert statuses(report) == {
        ("shared-lab", PUBLIC_WORKSPACE): "suppressed",
        ("prod", PUBLIC_WORKSPACE): "failed",
        ("careless", PUBLIC_WORKSPACE): "failed",
    }
    [error] = report["errors"]
    assert error["file"] == "azuredeploy.json"
    assert error["message"].startswith(f"suppression of {PUBLIC_WORKSPACE} has no reason")
    assert isinstance(error["line"], int)
    assert code == 1


def test_a_module_read_without_evaluation_keeps_its_suppressions(project: Path) -> None:
    # A local module cycle cannot be evaluated; its files are read as written (python-hcl2),
    # where the block's end comes from matching braces, not from tfparse.
    (project / "main.tf").write_text(
        'module "loop" {\n  source = "./"\n}\n'
        f"""
resource "aws_sagemaker_notebook_instance" "tricky" {{
  name          = "tricky"
  role_arn      = "arn:aws:iam::111122223333:role/x"
  instance_type = "ml.t3.medium"
  tags = {{
    note = "a }} brace"  # and a }} in a comment
  }}
  lifecycle_config_name = <<EOT
}}
EOT
  # mlposture:ignore {INTERNET} reason="still inside the block"
}}
# mlposture:ignore {ROOT} reason="belongs to the next block, not this one"

resource "aws_sagemaker_notebook_instance" "next" {{
  name          = "next"
  role_arn      = "arn:aws:iam::111122223333:role/y"
  instance_type = "ml.t3.medium"
}}
"""
    )
    _, report = run_json("scan", ".", *RULES)
    assert any("cycle" in e["message"] for e in report["errors"])
    assert statuses(report) == {
        (f"{NOTEBOOK}.tricky", INTERNET): "suppressed",
        (f"{NOTEBOOK}.tricky", ROOT): "failed",
        (f"{NOTEBOOK}.next", INTERNET): "failed",
        (f"{NOTEBOOK}.next", ROOT): "failed",  # a blank line stands between
    }
