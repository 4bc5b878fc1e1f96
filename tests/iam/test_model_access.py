"""What a reviewer reads in a failed IAM result: which statements make an escalation path, and
which actions let a principal call every model and switch off its guardrail."""

from __future__ import annotations

from scanner.pipeline import ScanOptions, scan
from tests.conftest import WriteTree

SPLIT_PATH = """
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "pass" {
  name = "pass"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "ReadData", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      { Sid = "PassAnything", Effect = "Allow", Action = "iam:Pass*", Resource = "*" },
    ]
  })
}

resource "aws_iam_policy" "notebooks" {
  name = "notebooks"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sagemaker:CreateNotebookInstance", Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "notebooks" {
  user       = aws_iam_user.analyst.name
  policy_arn = aws_iam_policy.notebooks.arn
}
"""

GUARDRAIL = """
resource "aws_iam_role_policy" "chat" {
  name = "chat"
  role = "chat"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "bedrock:*", Resource = "*" },
      { Effect = "Deny", Action = "bedrock:*Guardrail*", Resource = "*" },
    ]
  })
}
"""


def _evidence(report: dict[str, object], rule: str) -> dict[str, object]:
    results = [r for r in report["results"] if r["rule_id"] == rule]  # type: ignore[attr-defined]
    assert len(results) == 1 and results[0]["status"] == "failed", results
    return {e["field"]: e["value"] for e in results[0]["evidence"]}


def test_escalation_evidence_names_the_statements_of_each_policy(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": SPLIT_PATH})
    report = scan([str(root)], ScanOptions(only_rules=("MLP-AWS-IAM-015",))).as_dict()
    evidence = _evidence(report, "MLP-AWS-IAM-015")
    # The two halves of the path sit in two policies; the unrelated statement is not named.
    assert evidence["escalation_statements"] == [
        "aws_iam_policy.notebooks: statement 1",
        "aws_iam_user_policy.pass: Sid PassAnything",
    ]
    assert evidence["ml_escalation_actions"] == ["sagemaker:createnotebookinstance"]


def test_a_deny_of_the_guardrail_leaves_the_logging_switch(write_tree: WriteTree) -> None:
    root = write_tree({"main.tf": GUARDRAIL})
    report = scan([str(root)], ScanOptions(only_rules=("MLP-AWS-IAM-020",))).as_dict()
    evidence = _evidence(report, "MLP-AWS-IAM-020")
    assert evidence["guardrail_control_actions"] == [
        "bedrock:deletemodelinvocationloggingconfiguration",
        "bedrock:putmodelinvocationloggingconfiguration",
    ]
    assert evidence["model_invoke_actions"] == [
        "bedrock:invokemodel",
        "bedrock:invokemodelwithresponsestream",
    ]
