"""A real scan for the writers: rule fixtures copied into a tree, a broken file, a nested stack
included by two parents, and findings as a live audit yields them (ARN, account, region)."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from scanner.engine.rules import builtin_rules_dir
from scanner.model.resource import Location, Resource
from scanner.model.suppression import Suppression
from scanner.pipeline import ScanOptions, scan
from scanner.report import Report, Result, fingerprint

# The rules the tests run, copied so that rules in progress elsewhere in the tree cannot
# break these tests; their fixtures (fail / pass, HCL and CloudFormation) are the scanned code.
RULES = {
    "MLP-AWS-SM-001": "sagemaker/notebook-kms-cmk",
    "MLP-AWS-SM-002": "sagemaker/notebook-direct-internet-access",
    "MLP-AWS-SM-003": "sagemaker/notebook-root-access",
}
FIXTURES = ("fail.tf", "pass.tf", "fail.cfn.yaml")
BROKEN_TF = 'resource "aws_sagemaker_notebook_instance" "x" {\n  name = \n}\n'
NESTED = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/nested
"""
PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  NotebookStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../nested/notebook.yaml
"""
LIVE_ACCOUNT = "444455556666"
LIVE_REGION = "eu-west-1"
LIVE_ARN = f"arn:aws:sagemaker:{LIVE_REGION}:{LIVE_ACCOUNT}:notebook-instance/live-notebook"
SUPPRESSION_REASON = "lab notebook, no data; ticket SEC-42"


def _tree(root: Path) -> tuple[Path, Path]:
    rules, code = root / "rules", root / "code"
    for slug in RULES.values():
        source = builtin_rules_dir() / "aws" / slug
        (rules / slug).mkdir(parents=True)
        shutil.copy(source / "rule.yaml", rules / slug / "rule.yaml")
        for name in FIXTURES:
            if (source / name).exists():
                # One folder per fixture: each fail.tf / pass.tf is a root module of its own.
                folder = code / slug.split("/")[1] / name.split(".")[0]
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copy(source / name, folder / name)
    (code / "broken").mkdir()
    (code / "broken" / "main.tf").write_text(BROKEN_TF, encoding="utf-8")
    (code / "nested").mkdir()
    (code / "nested" / "notebook.yaml").write_text(NESTED, encoding="utf-8")
    for env in ("prod", "dev"):
        (code / env).mkdir()
        (code / env / "stack.yaml").write_text(PARENT, encoding="utf-8")
    return rules, code


def live_result(rule: Result) -> Result:
    """The same rule failing on a notebook found by a live audit: no file, an ARN."""
    resource = Resource(
        id=LIVE_ARN,
        kind="aws.sagemaker.notebook_instance",
        provider="aws",
        type="AWS::SageMaker::NotebookInstance",
        name="live-notebook",
        location=Location("live", account=LIVE_ACCOUNT, region=LIVE_REGION),
        values={},
        scope=LIVE_ACCOUNT,
    )
    return Result(
        rule=rule.rule,
        resource=resource,
        status="failed",
        fingerprint=fingerprint(rule.rule.id, resource),
    )


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """Fixture code scanned with passed results, plus one live and one suppressed result."""
    root = tmp_path_factory.mktemp("writers")
    rules, code = _tree(root)
    # Run from the tree's root, as CI runs from a checkout: paths come out relative.
    before = Path.cwd()
    os.chdir(root)
    try:
        report = scan(
            [code.name],
            ScanOptions(include_passed=True, builtin_rules=False, rules_dirs=(rules,)),
        )
    finally:
        os.chdir(before)
    failed = [r for r in report.results if r.status == "failed"]
    assert failed and report.errors, "the fixture scan must fail somewhere and hit the broken file"
    first = failed[0]
    where = first.resource.location
    suppression = Suppression(
        first.rule.id, SUPPRESSION_REASON, date(2099, 1, 31), where.file or "", where.line
    )
    suppressed = dataclasses.replace(first, status="suppressed", suppression=suppression)
    results = [suppressed if r is first else r for r in report.results] + [live_result(first)]
    report.summary.failed -= 1
    report.summary.suppressed += 1
    return dataclasses.replace(report, results=results)


@pytest.fixture(scope="session")
def contract(scanned: Report) -> dict[str, object]:
    return scanned.as_dict()
