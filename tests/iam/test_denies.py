"""Explicit Deny wins over Allow: within a document, and across the documents of a role."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.iam import ActionCatalog, parse_document
from scanner.iam.denies import effective_flags
from scanner.iam.statements import SAGEMAKER_ESCALATION, statements_table
from scanner.pipeline import ScanOptions, scan
from tests.conftest import WriteTree


@pytest.fixture(scope="module")
def catalog() -> ActionCatalog:
    return ActionCatalog.load()


def _allow(action: object, **extra: object) -> dict[str, object]:
    return {"Effect": "Allow", "Action": action, "Resource": "*", **extra}


def _deny(action: object, resource: object = "*", **extra: object) -> dict[str, object]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def _flags(catalog: ActionCatalog, *statements: dict[str, object]) -> dict[str, object]:
    document = {"Version": "2012-10-17", "Statement": list(statements)}
    table = statements_table({0: parse_document(document)})
    (flags,) = effective_flags(table, catalog).to_dicts()
    return flags


def test_deny_of_passrole_takes_it_from_every_action_on_every_resource(
    catalog: ActionCatalog,
) -> None:
    flags = _flags(catalog, _allow("*"), _deny("iam:PassRole"))
    assert flags["passrole_on_any_resource"] is False
    assert flags["passrole_without_service_condition"] is False
    # Still administrator of everything else (AWS's notion of admin minus a few actions).
    assert flags["grants_full_admin"] is True
    assert flags["sagemaker_escalation_actions"] == sorted(SAGEMAKER_ESCALATION)
    assert "iam" in flags["risky_service_wildcards"]


@pytest.mark.parametrize("denied", ["iam:Pass*", "IAM:*", ["s3:GetObject", "iam:PassRole"]])
def test_deny_through_a_wildcard_covers_passrole(catalog: ActionCatalog, denied: object) -> None:
    flags = _flags(catalog, _allow(["iam:PassRole", "sagemaker:CreateTrainingJob"]), _deny(denied))
    assert flags["passrole_on_any_resource"] is False
    assert flags["sagemaker_escalation_actions"] == ["sagemaker:createtrainingjob"]


def test_a_deny_that_may_not_apply_takes_nothing_away(catalog: ActionCatalog) -> None:
    mfa = {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
    assert _flags(catalog, _allow("iam:*"), _deny("iam:PassRole", Condition=mfa))[
        "passrole_on_any_resource"
    ]
    some_roles = _deny("iam:PassRole", "arn:aws:iam::111122223333:role/admin")
    assert _flags(catalog, _allow("iam:*"), some_roles)["passrole_on_any_resource"]
    spared = {"Effect": "Deny", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::1:role/x"}
    assert _flags(catalog, _allow("iam:*"), spared)["passrole_on_any_resource"]


def test_deny_of_a_whole_service_removes_it_from_the_risky_wildcards(
    catalog: ActionCatalog,
) -> None:
    flags = _flags(catalog, _allow(["iam:*", "s3:*", "sagemaker:Create*"]), _deny(["iam:*"]))
    assert flags["risky_service_wildcards"] == ["s3", "sagemaker"]
    flags = _flags(catalog, _allow(["sagemaker:*"]), _deny("sagemaker:CreateNotebookInstance"))
    assert "sagemaker:createnotebookinstance" not in flags["sagemaker_escalation_actions"]
    assert "sagemaker:createtrainingjob" in flags["sagemaker_escalation_actions"]
    # Some write actions of a service denied: its other write actions still stand...
    assert _flags(catalog, _allow("s3:*"), _deny("s3:Put*"))["risky_service_wildcards"] == ["s3"]
    assert _flags(catalog, _allow("iam:*"), _deny("iam:PassRole"))["risky_service_wildcards"] == [
        "iam"
    ]
    # ... unless they were all the grant's wildcard named.
    assert _flags(catalog, _allow("s3:Put*"), _deny("s3:Put*"))["risky_service_wildcards"] == []
    flags = _flags(catalog, _allow(["iam:Pass*", "kms:*"]), _deny("iam:PassRole"))
    assert flags["risky_service_wildcards"] == ["kms"]


def test_deny_of_everything_or_all_but_a_list_clears_full_admin(catalog: ActionCatalog) -> None:
    everything = _flags(catalog, _allow("*"), _deny("*"))
    assert everything["grants_full_admin"] is False
    assert everything["passrole_on_any_resource"] is False
    assert everything["sagemaker_escalation_actions"] == []
    assert everything["risky_service_wildcards"] == []
    all_but = {"Effect": "Deny", "NotAction": ["iam:PassRole", "s3:GetObject"], "Resource": "*"}
    flags = _flags(catalog, _allow("*"), all_but)
    assert flags["grants_full_admin"] is False
    assert flags["passrole_on_any_resource"] is True  # left allowed, through the `*` grant
    assert flags["sagemaker_escalation_actions"] == []
    assert flags["risky_service_wildcards"] == ["iam"]


def test_deny_of_actions_known_only_after_apply_leaves_grants_undecided(
    catalog: ActionCatalog,
) -> None:
    flags = _flags(catalog, _allow("*"), _deny("<unknown>"))
    assert flags["grants_full_admin"] is None
    assert flags["passrole_on_any_resource"] is None


ROLE_WITH_GUARDRAIL = """
resource "aws_iam_role" "training" {
  name = "ml-training"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = { Service = "sagemaker.amazonaws.com" } }]
  })
}

resource "aws_iam_policy" "launch" {
  name = "ml-launch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Resource = "*",
                   Action = ["iam:Pass*", "sagemaker:CreateTrainingJob"] }]
  })
}

resource "aws_iam_policy" "guardrail" {
  name = "deny-passrole"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "launch" {
  role       = aws_iam_role.training.name
  policy_arn = aws_iam_policy.launch.arn
}

resource "aws_iam_role_policy_attachment" "guardrail" {
  role       = aws_iam_role.training.name
  policy_arn = aws_iam_policy.guardrail.arn
}
"""


def _statuses(root: Path, *rules: str) -> dict[tuple[str, str], str]:
    options = ScanOptions(only_rules=rules, include_passed=True, workers=1)
    report = scan([str(root)], options)
    assert not report.errors
    return {(r.rule.id, r.resource.id): r.status for r in report.results}


def test_deny_in_one_policy_of_a_role_covers_the_grants_of_its_others(
    write_tree: WriteTree,
) -> None:
    root = write_tree({"main.tf": ROLE_WITH_GUARDRAIL})
    statuses = _statuses(root, "MLP-AWS-IAM-003", "MLP-AWS-IAM-005", "MLP-AWS-IAM-009")
    # The role's effective permissions: PassRole denied, so no escalation path is left.
    assert statuses[("MLP-AWS-IAM-009", "aws_iam_role.training")] == "passed"
    # The launch policy alone still grants PassRole on any role (given to another role, it
    # would): a policy is judged by its own documents.
    assert statuses[("MLP-AWS-IAM-003", "aws_iam_policy.launch")] == "failed"
    assert statuses[("MLP-AWS-IAM-005", "aws_iam_policy.launch")] == "failed"
    assert statuses[("MLP-AWS-IAM-003", "aws_iam_policy.guardrail")] == "passed"


def test_a_deny_decides_a_role_whose_other_policy_cannot_be_read(write_tree: WriteTree) -> None:
    elsewhere = """
resource "aws_iam_role_policy_attachment" "elsewhere" {
  role       = aws_iam_role.training.name
  policy_arn = "arn:aws:iam::111122223333:policy/platform-defined"
}
"""
    root = write_tree({"main.tf": ROLE_WITH_GUARDRAIL + elsewhere})
    options = ScanOptions(only_rules=("MLP-AWS-IAM-009",), include_passed=True, workers=1)
    report = scan([str(root)], options)
    # The unreadable policy could grant anything but PassRole: undecided, not passed.
    assert (report.summary.passed, report.summary.failed, report.summary.undecided) == (0, 0, 1)
