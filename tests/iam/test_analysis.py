"""Roles and policies as the rules see them: documents merged, attached, linked to ML resources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.engine.evaluate import compile_rules, evaluate
from scanner.engine.tables import ROW_ID, build_tables
from scanner.iam import analyse_iam
from scanner.mappings import load_catalog
from scanner.model.resource import Location, NativeResource
from scanner.pipeline import (
    Normalized,
    ScanOptions,
    normalize_all,
    relations_table,
    scan,
    select_rules,
)
from tests.conftest import WriteTree

MERGED = """
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Launch"
    actions   = ["iam:Pass*"]
    resources = ["*"]
  }
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::ml-data/*"]
  }
}

# The override replaces the base's Launch statement by sid: nothing dangerous is left.
data "aws_iam_policy_document" "overridden" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Launch", Effect = "Allow", Action = "iam:PassRole",
                   Resource = "arn:aws:iam::111122223333:role/ml-train" }]
  })]
}

# Only the source document carries the grant: it is merged in.
data "aws_iam_policy_document" "inherited" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "overridden" {
  name   = "overridden"
  policy = data.aws_iam_policy_document.overridden.json
}

resource "aws_iam_policy" "inherited" {
  name   = "inherited"
  policy = data.aws_iam_policy_document.inherited.json
}
"""

LINKED = """
resource "aws_iam_role" "notebook" {
  name = "ml-notebook"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" },
                   Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "launch" {
  name   = "ml-launch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "launch" {
  role       = aws_iam_role.notebook.name
  policy_arn = aws_iam_policy.launch.arn
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "ml-lab"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_model" "scorer" {
  name               = "scorer"
  execution_role_arn = aws_iam_role.notebook.arn
  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/scorer:1"
  }
}
"""


def _statuses(root: Path, rule: str) -> dict[str, str]:
    report = scan([str(root)], ScanOptions(only_rules=(rule,), include_passed=True, workers=1))
    assert not report.errors
    return {r.resource.id: r.status for r in report.results}


def test_source_and_override_documents_merge_by_sid(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": MERGED})
    assert _statuses(root, "MLP-AWS-IAM-003") == {
        "aws_iam_policy.overridden": "passed",
        "aws_iam_policy.inherited": "failed",
    }


def test_policy_finding_names_the_ml_resources_that_run_with_it(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": LINKED})
    report = scan([str(root)], ScanOptions(only_rules=("MLP-AWS-IAM-003", "MLP-AWS-IAM-011")))
    results = {(r["rule_id"], r["resource"]["id"]): r for r in report.as_dict()["results"]}
    policy = results[("MLP-AWS-IAM-003", "aws_iam_policy.launch")]
    assert policy["used_by"] == [
        "aws_sagemaker_model.scorer",
        "aws_sagemaker_notebook_instance.lab",
    ]
    notebook = results[("MLP-AWS-IAM-011", "aws_sagemaker_notebook_instance.lab")]
    assert notebook["status"] == "failed"
    assert "used_by" not in notebook
    json.dumps(report.as_dict())


def _live_role(name: str, account: str, trust: object, policy: object) -> NativeResource:
    arn = f"arn:aws:iam::{account}:role/{name}"
    return NativeResource(
        id=arn,
        type="AWS::IAM::Role",
        name=name,
        attributes={
            "RoleName": name,
            "Arn": arn,
            "AssumeRolePolicyDocument": trust,
            "Policies": [{"PolicyName": "inline", "PolicyDocument": policy}],
            "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
        },
        location=Location("live", account=account, region="eu-west-1"),
        scope=account,
    )


def test_live_roles_in_cloudformation_shape_with_json_string_documents() -> None:
    account = "111122223333"
    sagemaker = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    own = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                "Action": "sts:AssumeRole",
            }
        ]
    }
    other = {"Statement": [{**own["Statement"][0], "Principal": {"AWS": "444455556666"}}]}
    narrow = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    natives = [
        _live_role("ml-exec", account, json.dumps(sagemaker), narrow),
        _live_role("ops", account, own, json.dumps(narrow)),
        _live_role("vendor", account, json.dumps(other), narrow),
        NativeResource(
            id=f"arn:aws:sagemaker:eu-west-1:{account}:notebook-instance/lab",
            type="AWS::SageMaker::NotebookInstance",
            name="lab",
            attributes={"RoleArn": f"arn:aws:iam::{account}:role/ml-exec"},
            location=Location("live", account=account, region="eu-west-1"),
            scope=account,
        ),
    ]
    catalog = load_catalog()
    normalized = normalize_all(natives, catalog)
    normalized = Normalized(analyse_iam(normalized.resources, normalized.relations), [])
    roles = {r.name: r.values for r in normalized.resources if r.kind == "aws.iam.role"}
    assert roles["ml-exec"]["ml_execution_role"] is True
    assert roles["ml-exec"]["broad_managed_policies"] == ["AmazonS3FullAccess"]
    assert roles["ml-exec"]["used_by"] == [natives[3].id]
    assert roles["ops"]["trust_open"] is False  # its own account
    assert roles["vendor"]["trust_open"] is True
    assert roles["vendor"]["trusted_accounts"] == ["444455556666"]
    # The notebook reaches its role by ARN (no reference in a live account) and fails.
    rules = [r for r in select_rules(catalog, ScanOptions()) if r.id == "MLP-AWS-IAM-011"]
    tables = build_tables(normalized.resources, catalog.kinds)
    outcomes = evaluate(tables, compile_rules(rules, catalog.kinds), relations_table(normalized))
    assert outcomes.select(ROW_ID, "passed").rows() == [(3, False)]


UNDECIDED_ROLE = """
variable "actions" { type = list(string) }

resource "aws_iam_role" "runner" {
  name = "ml-runner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
}
"""
UNKNOWN_ACTIONS = """
resource "aws_iam_role_policy" "runner" {
  name = "runner"
  role = aws_iam_role.runner.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
"""
# A customer managed policy defined in another stack.
ELSEWHERE = """
resource "aws_iam_role_policy_attachment" "elsewhere" {
  role       = aws_iam_role.runner.name
  policy_arn = "arn:aws:iam::111122223333:policy/platform-defined"
}
"""


@pytest.mark.parametrize("unreadable", [UNKNOWN_ACTIONS, ELSEWHERE])
def test_what_cannot_be_read_leaves_the_role_undecided(
    write_tree: WriteTree, unreadable: str
) -> None:
    root = write_tree({"main.tf": UNDECIDED_ROLE + unreadable})
    options = ScanOptions(only_rules=("MLP-AWS-IAM-009",), include_passed=True, workers=1)
    report = scan([str(root)], options)
    assert (report.summary.passed, report.summary.failed, report.summary.undecided) == (0, 0, 1)
