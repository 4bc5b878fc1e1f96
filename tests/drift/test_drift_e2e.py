"""Drift end to end: an estate applied with boto3 to a moto server as its Terraform declares
it, one setting changed behind the code's back and one notebook made by hand; `mlposture
audit aws` then `mlposture drift` as subprocesses find exactly those."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from tests.moto_server import moto_server

MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))
ACCOUNT = "123456789012"
REGION = "eu-west-1"
SUBNET, GROUP = "subnet-0e1d2c3b4a5968778", "sg-0a9b8c7d6e5f40312"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ml-drift"

CODE = f"""
resource "aws_sagemaker_notebook_instance" "drift" {{
  name                   = "nb-drift"
  instance_type          = "ml.t3.medium"
  role_arn               = "{ROLE}"
  subnet_id              = "{SUBNET}"
  security_groups        = ["{GROUP}"]
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}}

resource "aws_sagemaker_notebook_instance" "steady" {{
  name          = "nb-steady"
  instance_type = "ml.t3.medium"
  role_arn      = "{ROLE}"
}}

resource "aws_sagemaker_model" "planned" {{
  name               = "m-planned"
  execution_role_arn = "{ROLE}"
  primary_container {{
    image = "{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/planned:1"
  }}
}}
"""


def _apply(endpoint: str) -> None:
    """The code applied, then changed by hand: nb-drift's internet access switched on, and
    nb-shadow made in the console. m-planned is never applied."""
    session = boto3.Session(
        region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    iam = session.client("iam", endpoint_url=endpoint)
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    iam.create_role(RoleName="ml-drift", AssumeRolePolicyDocument=json.dumps(trust))
    sm = session.client("sagemaker", endpoint_url=endpoint)
    sm.create_notebook_instance(
        NotebookInstanceName="nb-drift",
        InstanceType="ml.t3.medium",
        RoleArn=ROLE,
        SubnetId=SUBNET,
        SecurityGroupIds=[GROUP],
        DirectInternetAccess="Enabled",  # behind the code's back: it says Disabled
        RootAccess="Disabled",
    )
    sm.create_notebook_instance(
        NotebookInstanceName="nb-steady", InstanceType="ml.t3.medium", RoleArn=ROLE
    )
    sm.create_notebook_instance(
        NotebookInstanceName="nb-shadow", InstanceType="ml.t3.medium", RoleArn=ROLE
    )


@pytest.fixture(scope="module")
def live_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("drift")
    with moto_server() as endpoint:
        _apply(endpoint)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "AKIAAUDITOR",
            "AWS_SECRET_ACCESS_KEY": "auditor-secret",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": str(home / "none"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
            "AWS_MAX_ATTEMPTS": "2",
        }
        out = home / "live.json"
        done = subprocess.run(
            [
                *(MLPOSTURE, "audit", "aws", "--regions", REGION, "--include-passed"),
                *("--format", "json", "--output", str(out)),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Traceback" not in done.stderr, done.stderr
        yield out


def _drift(tmp_path: Path, live: Path, *args: str) -> tuple[int, str]:
    code_dir = tmp_path / "infra"
    code_dir.mkdir(exist_ok=True)
    (code_dir / "main.tf").write_text(CODE)
    done = subprocess.run(
        [MLPOSTURE, "drift", "--iac", str(code_dir), "--live", str(live), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout


def test_drift_finds_exactly_the_setting_changed_and_the_unmanaged_notebook(
    live_report: Path, tmp_path: Path
) -> None:
    code, out = _drift(tmp_path, live_report, "--format", "json")
    assert code == 1
    drift: dict[str, Any] = json.loads(out)["drift"]
    assert [(d["live"]["name"], d["rule_id"]) for d in drift["drifted"]] == [
        ("nb-drift", "MLP-AWS-SM-002")
    ]
    [changed] = drift["drifted"]
    assert changed["code"]["file"].endswith("main.tf") and changed["code"]["line"] == 2
    assert (
        changed["live"]["id"] == f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:notebook-instance/nb-drift"
    )
    assert [u["name"] for u in drift["unmanaged"]] == ["nb-shadow"]
    assert [n["name"] for n in drift["not_deployed"]] == ["m-planned"]
    assert drift["summary"]["matched"] == 2


def test_drift_table_shows_both_sides(live_report: Path, tmp_path: Path) -> None:
    code, out = _drift(tmp_path, live_report)
    assert code == 1
    assert "MLP-AWS-SM-002" in out and "nb-shadow" in out and "m-planned" in out
    assert "1 drifted, 1 unmanaged, 1 not deployed" in out


def test_a_live_report_without_passed_results_is_refused(live_report: Path, tmp_path: Path) -> None:
    report = json.loads(live_report.read_text())
    report["results"] = [r for r in report["results"] if r["status"] == "failed"]
    failed_only = tmp_path / "failed-only.json"
    failed_only.write_text(json.dumps(report))
    code, _ = _drift(tmp_path, failed_only)
    assert code == 2
