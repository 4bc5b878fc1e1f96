"""Every failed result says what the rule saw: the field, the value, a default applied, the line.

Scans real code (Terraform, CloudFormation, the sample estate in iac/) through the pipeline or
the CLI, and reads the evidence as a user does: in the JSON contract.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scanner.cli import main
from scanner.engine.evidence import TEXT_LIMIT
from scanner.engine.rules import Rule
from scanner.mappings.catalog import Catalog, FieldMapping, KindMapping
from scanner.model.kinds import FieldSpec, FieldType, Kind
from scanner.model.resource import Location, NativeResource
from scanner.pipeline import ScanOptions, judge, scan
from scanner.sources.terraform.lines import resource_lines

ROOT = Path(__file__).resolve().parents[2]
ESTATE = ROOT / "iac"
RULES = ROOT / "rules"

NOTEBOOK_DEFAULT = """\
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/lab"
  instance_type = "ml.t3.medium"
}
"""

# `direct_internet_access` on line 11, after a nested block, braces in strings and comments,
# and a heredoc: only the attribute's own line may be given.
NOTEBOOK_WRITTEN = """\
resource "aws_sagemaker_notebook_instance" "open" {
  name          = "open-${var.team}" # a { in a comment
  role_arn      = "arn:aws:iam::111122223333:role/lab"
  instance_type = "ml.t3.medium"
  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
  lifecycle_config_name = <<EOT
direct_internet_access = "not this one" }
EOT
  direct_internet_access = "Enabled"
}

variable "team" {
  default = "ml"
}
"""


def _scan(root: Path, *rules: str, include_passed: bool = False) -> list[dict[str, Any]]:
    options = ScanOptions(only_rules=rules, include_passed=include_passed, workers=1)
    report = scan([str(root)], options)
    assert not report.errors, report.errors
    return [r.as_dict() for r in report.results]


def _one(results: list[dict[str, Any]], rule_id: str, resource_id: str) -> dict[str, Any]:
    found = [r for r in results if r["rule_id"] == rule_id and r["resource"]["id"] == resource_id]
    assert len(found) == 1, [(r["rule_id"], r["resource"]["id"]) for r in results]
    return found[0]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_every_failed_result_of_the_sample_estate_has_evidence() -> None:
    done = CliRunner().invoke(main, ["scan", str(ESTATE), "--format", "json"])
    report = json.loads(done.stdout)
    failed = [r for r in report["results"] if r["status"] == "failed"]
    assert failed
    for result in failed:
        assert result.get("evidence"), (result["rule_id"], result["resource"]["id"])
        for item in result["evidence"]:
            assert {"field", "value", "defaulted", "line", "text"} <= set(item)
            assert item["text"] and isinstance(item["defaulted"], bool)
            assert ("default" in item) == item["defaulted"]
            assert item["line"] is None or isinstance(item["line"], int)


def test_a_left_out_attribute_names_its_field_and_the_service_default(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NOTEBOOK_DEFAULT, encoding="utf-8")
    result = _one(
        _scan(tmp_path, "MLP-AWS-SM-002"),
        "MLP-AWS-SM-002",
        "aws_sagemaker_notebook_instance.lab",
    )
    assert result["evidence"] == [
        {
            "field": "direct_internet_access",
            "value": True,
            "defaulted": True,
            "default": True,
            "line": None,
            "text": "direct_internet_access: absent, service default Enabled",
        }
    ]


def test_a_written_attribute_gives_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NOTEBOOK_WRITTEN, encoding="utf-8")
    line = _line_of(tmp_path / "main.tf", 'direct_internet_access = "Enabled"')
    results = _scan(tmp_path, "MLP-AWS-SM-002", "MLP-AWS-SM-005")
    internet = _one(results, "MLP-AWS-SM-002", "aws_sagemaker_notebook_instance.open")
    [seen] = internet["evidence"]
    assert (seen["field"], seen["value"], seen["defaulted"], seen["line"]) == (
        "direct_internet_access",
        True,
        False,
        line,
    )
    assert seen["text"] == f"direct_internet_access: Enabled (line {line})"
    # A field read inside a nested block has that attribute's line.
    imds = _one(results, "MLP-AWS-SM-005", "aws_sagemaker_notebook_instance.open")
    nested = _line_of(tmp_path / "main.tf", "minimum_instance_metadata_service_version")
    assert [(e["field"], e["value"], e["line"]) for e in imds["evidence"]] == [
        ("imds_minimum_version", "1", nested)
    ]


def test_lines_inside_a_module_are_the_module_file_lines() -> None:
    done = CliRunner().invoke(main, ["scan", str(ESTATE), "--format", "json"])
    results = json.loads(done.stdout)["results"]
    address = 'module.team_notebooks["churn"].aws_sagemaker_notebook_instance.this'
    result = _one(results, "MLP-AWS-SM-002", address)
    module = ESTATE / "modules" / "team-notebook" / "main.tf"
    assert result["resource"]["file"].endswith("modules/team-notebook/main.tf")
    [seen] = result["evidence"]
    assert seen["line"] == _line_of(module, "direct_internet_access")


def test_cloudformation_gives_property_lines_and_defaults() -> None:
    template = RULES / "aws" / "sagemaker" / "notebook-direct-internet-access" / "fail.cfn.yaml"
    results = _scan(template, "MLP-AWS-SM-002")
    written = _one(results, "MLP-AWS-SM-002", "ExploreNotebook")["evidence"]
    assert [(e["field"], e["line"], e["defaulted"]) for e in written] == [
        ("direct_internet_access", _line_of(template, "DirectInternetAccess: !Ref"), False)
    ]
    absent = _one(results, "MLP-AWS-SM-002", "ScratchNotebook")["evidence"]
    assert [e["text"] for e in absent] == [
        "direct_internet_access: absent, service default Enabled"
    ]


ROLE_AND_NOTEBOOK = """\
resource "aws_iam_role" "launcher" {
  name = "ml-launcher"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" },
                   Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "launch"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
    })
  }
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = aws_iam_role.launcher.arn
  instance_type = "ml.t3.medium"
}
"""


def test_a_related_rule_names_the_role_and_what_it_allows(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROLE_AND_NOTEBOOK, encoding="utf-8")
    result = _one(
        _scan(tmp_path, "MLP-AWS-IAM-011"),
        "MLP-AWS-IAM-011",
        "aws_sagemaker_notebook_instance.lab",
    )
    evidence = result["evidence"]
    assert all(e["resource"] == "aws_iam_role.launcher" for e in evidence)
    verdict = evidence[0]
    assert (verdict["field"], verdict["value"]) == ("over_privileged", True)
    assert verdict["text"].startswith("role_arn -> aws_iam_role.launcher: over_privileged: true")
    texts = [e["text"] for e in evidence]
    assert "aws_iam_role.launcher allows iam:PassRole on every role (*)" in texts


def test_a_reverse_relation_names_the_failing_resource_or_says_none_was_found() -> None:
    fixture = RULES / "azure" / "machinelearning" / "workspace-private-link" / "fail.tf"
    results = _scan(fixture, "MLP-AZ-ML-002")
    alone = _one(results, "MLP-AZ-ML-002", "azurerm_machine_learning_workspace.mlw_sandbox")
    assert [e["text"] for e in alone["evidence"]] == [
        "no azure.network.private_endpoint refers to it through target_resource_id"
    ]
    pending = _one(results, "MLP-AZ-ML-002", "azurerm_machine_learning_workspace.mlw_pending")
    manual = [e for e in pending["evidence"] if e["field"] == "manual_connection"]
    assert [(e["value"], e["resource"], e["line"]) for e in manual] == [
        (True, "azurerm_private_endpoint.pe_pending", _line_of(fixture, "is_manual_connection"))
    ]
    assert manual[0]["text"].startswith(
        "azurerm_private_endpoint.pe_pending (its target_resource_id refers here): "
        "manual_connection: true"
    )


def test_passed_results_carry_no_evidence(tmp_path: Path) -> None:
    hardened = NOTEBOOK_DEFAULT.replace(
        'instance_type = "ml.t3.medium"',
        'instance_type = "ml.t3.medium"\n  direct_internet_access = "Disabled"',
    )
    (tmp_path / "main.tf").write_text(hardened, encoding="utf-8")
    [result] = _scan(tmp_path, "MLP-AWS-SM-002", include_passed=True)
    assert result["status"] == "passed" and "evidence" not in result


def test_hostile_values_are_bounded_and_escaped(tmp_path: Path) -> None:
    value = "[bold red]x\\u001b[31m" + "A" * 5000
    hostile = NOTEBOOK_DEFAULT.replace(
        'instance_type = "ml.t3.medium"',
        'instance_type = "ml.t3.medium"\n'
        f"  instance_metadata_service_configuration {{\n"
        f'    minimum_instance_metadata_service_version = "{value}"\n  }}',
    )
    (tmp_path / "main.tf").write_text(hostile, encoding="utf-8")
    [result] = _scan(tmp_path, "MLP-AWS-SM-005")
    [seen] = result["evidence"]
    assert "\x1b" not in seen["text"] and "\\x1b" in seen["text"]
    assert len(seen["text"]) <= len("imds_minimum_version: ") + TEXT_LIMIT + len(" (line 99)")
    assert len(seen["value"]) < len(value)


SECRETS = Kind(
    "test.datastore",
    "aws",
    "datastore",
    (FieldSpec("client_secret", FieldType.STR), FieldSpec("rotated", FieldType.BOOL)),
)


def test_a_secret_is_never_echoed() -> None:
    table = KindMapping(
        native_type="test_datastore",
        kind=SECRETS,
        name_path=None,
        fields=(FieldMapping("client_secret", ("secret",)), FieldMapping("rotated", ("rot",))),
    )
    catalog = Catalog({SECRETS.name: SECRETS}, {"test_datastore": (table,)}, {})
    rule = Rule.model_validate(
        {
            "id": "T-SECRET-1",
            "slug": "no-stored-secret",
            "title": "datastore keeps no secret",
            "severity": "high",
            "category": "iam",
            "kind": SECRETS.name,
            "check": {"all": [{"field": "client_secret", "present": False}]},
            "rationale": "r",
            "remediation": {"terraform": "x"},
        }
    )
    native = NativeResource(
        id="test_datastore.x",
        type="test_datastore",
        name="x",
        attributes={"secret": "hunter2-very-secret"},
        location=Location("terraform", "main.tf", 1),
        lines={"secret": 3},
    )
    _, [result] = judge([native], catalog, [rule], include_passed=False)
    [seen] = result.evidence
    assert "hunter2" not in json.dumps(seen.as_dict())
    assert seen.as_dict()["value"] == "<redacted>" and seen.line == 3


def test_attribute_lines_skip_strings_comments_heredocs_and_lists() -> None:
    text = """\
# resource "aws_x" "commented" {
resource "aws_x" "a" {
  name = "a { not a block"   // nor } this
  tags = {
    Team = "ml"
  }
  ingress = [{
    from_port = 1
  }]
  body = jsonencode({
    properties = { publicNetworkAccess = "Enabled" }
    sku = "Basic"
  })
  policy = <<EOF
  hidden = true
EOF
  vpc_config {
    subnets = ["a"]
  }
  after = 1
}

data "aws_y" "b" {
  filter = "x"
}
"""
    found = resource_lines(text)
    assert found == {
        2: {
            "name": 3,
            "tags": 4,
            "tags.Team": 5,
            "ingress": 7,
            "body": 10,
            "body.properties": 11,
            "body.sku": 12,
            "policy": 14,
            "vpc_config": 17,
            "vpc_config.subnets": 18,
            "after": 20,
        },
        23: {"filter": 24},
    }


def test_attribute_lines_of_hostile_text_take_linear_time() -> None:
    # Letters the block-header pattern could split into labels in exponentially many ways,
    # brackets nested deeply, an unterminated heredoc and string: each must just be read.
    long_name = 'resource "a" "b" {\n  ' + "a" * 100_000 + "!\n}\n"
    deep = 'resource "a" "b" {\n' + "{" * 50_000 + "\n  x = 1" * 50_000
    assert resource_lines(long_name) == {1: {}}
    assert resource_lines(deep)[1] == {}
    assert resource_lines('resource "a" "b" {\n  p = <<EOF\n' + "x\n" * 1000)[1] == {"p": 2}
    assert resource_lines('resource "a" "b" {\n  s = "' + "{" * 1000) == {1: {"s": 2}}
