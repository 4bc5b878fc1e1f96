"""A policy document that is not a policy is an input error at its resource, never a pass."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.iam.documents import UNKNOWN_MARK, DocumentError, IncompleteDocument, parse_document
from scanner.pipeline import ScanOptions, scan
from tests.conftest import WriteTree

MALFORMED = """\
resource "aws_iam_policy" "not_json" {
  name   = "broken-heredoc"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole"
EOT
}

resource "aws_iam_policy" "statement_is_a_string" {
  name   = "statement-string"
  policy = jsonencode({ Version = "2012-10-17", Statement = "iam:PassRole" })
}

resource "aws_iam_policy" "effect_permit" {
  name = "effect-permit"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Permit", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_policy" "scoped" {
  name = "scoped"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
"""


def test_malformed_policy_documents_are_errors_with_their_line(write_tree: WriteTree) -> None:
    root = write_tree({"iam.tf": MALFORMED})
    result = CliRunner().invoke(
        main,
        ["scan", str(root), "--format", "json", "--include-passed", "--rule", "MLP-AWS-IAM-003"],
    )
    report = json.loads(result.stdout)
    # Nothing failed: the exit code is non-zero because three documents could not be read.
    assert result.exit_code == 1
    errors = sorted(
        (e["file"].rsplit("/", 1)[-1], e["line"], e["message"]) for e in report["errors"]
    )
    assert [(file, line) for file, line, _ in errors] == [
        ("iam.tf", 1),
        ("iam.tf", 8),
        ("iam.tf", 13),
    ]
    messages = [message for _, _, message in errors]
    assert messages[0].startswith("aws_iam_policy.not_json: document: policy document is not JSON")
    assert "Statement is a string, not a list or an object" in messages[1]
    assert "statement 1: statement Effect is 'Permit', not Allow or Deny" in messages[2]
    assert report["summary"]["errors"] == 3
    # Their PassRole check is undecided (never a pass); the readable policy passes.
    assert {r["resource"]["id"]: r["status"] for r in report["results"]} == {
        "aws_iam_policy.scoped": "passed"
    }
    assert report["summary"]["undecided"] == 3


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"Statement": [', "policy document is not JSON"),
        ("[]", "policy document is a list, not a JSON object"),
        ({"Statement": 7}, "policy Statement is a number, not a list or an object"),
        ({"Statement": ["s3:GetObject"]}, "policy statement 1 is a string, not an object"),
        ({"Statement": [{"Action": "s3:*", "Resource": "*"}]}, "statement Effect is missing"),
        ({"Statement": {"Effect": True, "Action": "s3:*"}}, "statement Effect is True"),
    ],
)
def test_what_is_not_a_policy(document: object, message: str) -> None:
    with pytest.raises(DocumentError, match=re.escape(message)):
        parse_document(document)


def test_an_effect_known_only_after_apply_is_undecided_not_malformed() -> None:
    with pytest.raises(IncompleteDocument):
        parse_document({"Statement": [{"Effect": UNKNOWN_MARK, "Action": "s3:*"}]})
    assert [s.effect for s in parse_document({"Statement": {"Effect": "deny", "Action": "*"}})] == [
        "Deny"
    ]


BLOCK_EFFECT = """\
data "aws_iam_policy_document" "typo" {
  statement {
    effect    = "Alow"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "typo" {
  name   = "typo"
  policy = data.aws_iam_policy_document.typo.json
}
"""


def test_a_policy_document_block_with_a_wrong_effect_is_an_error(write_tree: WriteTree) -> None:
    root = write_tree({"iam.tf": BLOCK_EFFECT})
    options = ScanOptions(only_rules=("MLP-AWS-IAM-003",), include_passed=True, workers=1)
    report = scan([str(root)], options)
    assert [(e.file.rsplit("/", 1)[-1], e.line) for e in report.errors] == [("iam.tf", 1)]
    assert "'Alow', not Allow or Deny" in report.errors[0].message
    assert (report.summary.passed, report.summary.failed, report.summary.undecided) == (0, 0, 1)


MALFORMED_PRINCIPAL = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  NoAccountRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::root"}
            Action: sts:AssumeRole
  OwnAccountRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
            Action: sts:AssumeRole
"""


def test_a_principal_arn_without_an_account_is_undecided_with_the_reason(
    write_tree: WriteTree,
) -> None:
    root = write_tree({"roles.cfn.yaml": MALFORMED_PRINCIPAL})
    options = ScanOptions(only_rules=("MLP-AWS-IAM-008",), include_passed=True, workers=1)
    report = scan([str(root)], options)
    # IAM refuses such a trust policy; it was read as trusting no other account (a pass).
    assert [(e.file.rsplit("/", 1)[-1], e.line) for e in report.errors] == [("roles.cfn.yaml", 3)]
    assert "'arn:aws:iam::root' is not an IAM ARN with an account id" in report.errors[0].message
    assert {r.resource.id: r.status for r in report.results} == {"OwnAccountRole": "passed"}
    assert report.summary.undecided == 1
