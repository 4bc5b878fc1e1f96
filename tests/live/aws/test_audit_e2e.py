"""End to end: a moto server, a seeded estate, `mlposture audit aws` as a subprocess with
AWS_ENDPOINT_URL and dummy credentials, and the JSON report it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live.aws.deny_proxy import DenyRegionProxy
from tests.live.aws.estate import ACCOUNT, EXPECTED_FAILURES, ON_WEAK_ROLE, seed_estate
from tests.live.aws.seed import MOTO_UNIMPLEMENTED
from tests.moto_server import moto_server

IAM = "MLP-AWS-IAM-"
MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))


@pytest.fixture(scope="module")
def estate() -> Iterator[tuple[str, dict[str, str]]]:
    saved = dict(os.environ)
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    try:
        with moto_server() as endpoint:
            keys = seed_estate(endpoint)
            yield endpoint, keys
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _audit(endpoint: str, tmp_path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "AKIAAUDITOR",
        "AWS_SECRET_ACCESS_KEY": "auditor-secret",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        # moto answers its unimplemented calls with HTTP 500, which botocore retries.
        "AWS_MAX_ATTEMPTS": "2",
    }
    out = tmp_path / "report.json"
    done = subprocess.run(
        [MLPOSTURE, "audit", "aws", "--format", "json", "--output", str(out), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(out.read_text("utf-8")), done.stderr


def _failures(report: dict[str, Any]) -> dict[str, set[str]]:
    failed: dict[str, set[str]] = defaultdict(set)
    for result in report["results"]:
        name = result["resource"]["name"]
        if result["status"] == "failed":
            failed[name].add(result["rule_id"])
        else:
            failed.setdefault(name, set())
    return failed


def _moto_gaps_only(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in errors if not any(c in e["message"] for c in MOTO_UNIMPLEMENTED)]


def test_audit_finds_weak_and_passes_hardened(
    estate: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    endpoint, keys = estate
    code, report, _ = _audit(
        endpoint, tmp_path, "--regions", "eu-west-1,us-east-1", "--include-passed"
    )
    assert code == 1  # findings (and moto's unimplemented list calls)
    assert _moto_gaps_only(report["errors"]) == []
    failures = _failures(report)
    for name, expected in EXPECTED_FAILURES.items():
        assert {r for r in failures[name] if not r.startswith(IAM)} == expected, name
    for name in ON_WEAK_ROLE:
        assert any(r.startswith(IAM) for r in failures[name]), name
        assert not any(r.startswith(IAM) for r in failures[name.replace("weak", "hardened")])
    by_id = {r["resource"]["id"]: r for r in report["results"]}
    assert by_id[keys["weak"]]["rule_id"] == "MLP-AWS-KMS-001"
    assert {r["status"] for r in report["results"] if r["resource"]["id"] == keys["weak"]} == {
        "failed"
    }
    assert {r["status"] for r in report["results"] if r["resource"]["id"] == keys["hardened"]} == {
        "passed"
    }
    notebook = next(r for r in report["results"] if r["resource"]["name"] == "nb-weak-us")
    assert notebook["resource"] == {
        "id": f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:notebook-instance/nb-weak-us",
        "kind": "aws.sagemaker.notebook_instance",
        "type": "sagemaker:DescribeNotebookInstance",
        "provider": "aws",
        "name": "nb-weak-us",
        "source": "live",
        "file": None,
        "line": None,
        "account": ACCOUNT,
        "region": "us-east-1",
    }
    # The weak role is judged by the IAM rules, through the same CloudFormation-shaped table.
    role = f"arn:aws:iam::{ACCOUNT}:role/ml-weak"
    assert any(r["resource"]["id"] == role and r["status"] == "failed" for r in report["results"])


def test_attack_path_of_the_live_estate(estate: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    """nb-weak: direct internet access -> role ml-weak, which can escalate; its twins break
    the path at the entry (nb-path-private) and at the role (nb-path-scoped)."""
    endpoint, _ = estate
    _, report, _ = _audit(endpoint, tmp_path, "--regions", "eu-west-1", "--include-passed")
    paths = {
        r["resource"]["name"]: r for r in report["results"] if r["rule_id"] == "MLP-AWS-PATH-003"
    }
    assert {name: r["status"] for name, r in paths.items() if name.startswith("nb-")} == {
        "nb-weak": "failed",
        "nb-hardened": "passed",
        "nb-path-private": "passed",
        "nb-path-scoped": "passed",
    }
    # nb-weak's escalation path and the paths of nb-weak and nb-path-scoped to the model
    # artefact bucket their roles can overwrite (MLP-AWS-PATH-001).
    assert report["summary"]["attack_paths"] == 3
    first = next(r for r in report["results"] if r["status"] == "failed")
    assert first["category"] == "attack-path"  # listed first
    evidence = paths["nb-weak"]["evidence"]
    hops = list(dict.fromkeys((e["path"]["hop"], e["resource"]) for e in evidence))
    # The role's hop names what makes it escalate, down to the statement.
    assert any(e["field"] == "escalation_statements" for e in evidence)
    assert hops == [
        (0, f"arn:aws:sagemaker:eu-west-1:{ACCOUNT}:notebook-instance/nb-weak"),
        (1, f"arn:aws:iam::{ACCOUNT}:role/ml-weak"),
    ]


def test_same_rule_ids_as_terraform(estate: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    endpoint, _ = estate
    _, live, _ = _audit(endpoint, tmp_path, "--regions", "eu-west-1")
    twin = Path(__file__).with_name("estate_twin.tf")
    from scanner.pipeline import ScanOptions, scan

    code = scan([str(twin)], ScanOptions(workers=1)).as_dict()
    live_failures, code_failures = _failures(live), _failures(code)
    assert set(code_failures) == {
        "ml-weak",
        "nb-weak",
        "m-weak",
        "ec-weak",
        "ep-weak",
        "d-weak",
        "dq-weak",
    }
    for name, rule_ids in code_failures.items():
        assert live_failures[name] == rule_ids, name


def test_access_denied_region_is_a_gap(estate: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    endpoint, _ = estate
    proxy = DenyRegionProxy(endpoint, denied_region="us-east-1")
    proxy.start()
    try:
        code, partial, _ = _audit(proxy.url, tmp_path, "--regions", "eu-west-1,us-east-1")
    finally:
        proxy.stop()
    _, whole, _ = _audit(endpoint, tmp_path, "--regions", "eu-west-1")
    assert code == 1
    gaps = _moto_gaps_only(partial["errors"])
    assert {(g["account"], g["region"], g["service"]) for g in gaps} == {
        (ACCOUNT, "us-east-1", service)
        for service in ("bedrock", "bedrock-agent", "ecr", "sagemaker")
    }
    assert all("access-denied" in g["message"] for g in gaps)
    by_service = {g["service"]: g for g in gaps}
    assert by_service["sagemaker"]["file"] == f"aws://{ACCOUNT}/us-east-1/sagemaker"
    # Every finding of the readable region is there, and nothing of the denied one.
    assert {r["fingerprint"] for r in partial["results"]} == {
        r["fingerprint"] for r in whole["results"]
    }
    assert all(r["resource"]["region"] != "us-east-1" for r in partial["results"])


def test_no_credentials_is_a_usage_error(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }
    done = subprocess.run(
        [MLPOSTURE, "audit", "aws", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "credentials" in done.stderr
    assert json.loads(done.stdout)["errors"][0]["file"] == "aws"
