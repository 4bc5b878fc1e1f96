"""Done when: two audits of the moto estate with one notebook fixed and one new endpoint in
between. `diff` shows exactly the fixed finding (and the attack path it broke) as resolved
and the new endpoint's findings as new; `--fail-on-new` exits 1 only then (0 on a third
identical run); the Security Hub export of changes (--export-changes) marks the fixed finding
RESOLVED and archives it.

`mlposture audit aws` runs as a subprocess against a moto server (AWS_ENDPOINT_URL), as
tests/live/aws/test_audit_e2e.py does; Security Hub is the same moto server's."""

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

from tests.live.aws.estate import ACCOUNT, seed_estate
from tests.moto_server import moto_server

MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))
REGION = "eu-west-1"
DIRECT_INTERNET = "MLP-AWS-SM-002"


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    saved = dict(os.environ)
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    try:
        with moto_server() as endpoint:
            seed_estate(endpoint)
            yield endpoint
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _env(endpoint: str, home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "AKIAAUDITOR",
        "AWS_SECRET_ACCESS_KEY": "auditor-secret",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(home / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
        "AWS_MAX_ATTEMPTS": "2",
        "NO_PROXY": "127.0.0.1,localhost",
    }


def _mlposture(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([MLPOSTURE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _audit(env: dict[str, str], store: str, out: Path) -> tuple[int, dict[str, Any]]:
    done = _mlposture(
        env,
        "audit", "aws", "--regions", REGION, "--include-passed",
        "--store", store, "--fail-on-new",
        "--export", f"securityhub={REGION}", "--export-changes",
        "--format", "json", "--output", str(out),
    )  # fmt: skip
    return done.returncode, json.loads(out.read_text("utf-8"))


def _fix_notebook_and_add_endpoint(endpoint: str) -> None:
    sagemaker = boto3.client("sagemaker", region_name=REGION, endpoint_url=endpoint)
    # The notebook is rebuilt (same name, same ARN) with direct internet access disabled.
    sagemaker.stop_notebook_instance(NotebookInstanceName="nb-weak")
    sagemaker.delete_notebook_instance(NotebookInstanceName="nb-weak")
    sagemaker.create_notebook_instance(
        NotebookInstanceName="nb-weak",
        InstanceType="ml.t3.medium",
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/ml-weak",
        DirectInternetAccess="Disabled",
    )
    sagemaker.create_endpoint(EndpointName="ep-new", EndpointConfigName="ec-weak")


def _security_hub(endpoint: str) -> dict[str, dict[str, Any]]:
    client = boto3.client("securityhub", region_name=REGION, endpoint_url=endpoint)
    found: dict[str, dict[str, Any]] = {}
    for page in client.get_paginator("get_findings").paginate():
        found.update((f["Id"], f) for f in page["Findings"])
    return found


def test_two_audits_one_fix_one_new_endpoint(moto_endpoint: str, tmp_path: Path) -> None:
    env = _env(moto_endpoint, tmp_path)
    store = f"sqlite:///{tmp_path / 'history.sqlite'}"

    code, first = _audit(env, store, tmp_path / "first.json")
    assert code == 1  # the first recorded run: every finding is new
    failed_first = [r for r in first["results"] if r["status"] == "failed"]
    assert failed_first and all(r["new"] for r in failed_first)
    hub = _security_hub(moto_endpoint)
    assert {f"mlposture/{r['fingerprint']}" for r in failed_first} <= set(hub)

    _fix_notebook_and_add_endpoint(moto_endpoint)
    code, second = _audit(env, store, tmp_path / "second.json")
    assert code == 1  # the new endpoint's findings

    done = _mlposture(env, "diff", "--store", store, "--format", "json")
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)
    # Closing the notebook's direct internet access also breaks its attack paths (its role can
    # escalate, and overwrite the model artefacts): they are resolved with it.
    assert [(f["rule_id"], f["resource"]["name"]) for f in diff["resolved"]] == [
        ("MLP-AWS-PATH-001", "nb-weak"),
        ("MLP-AWS-PATH-003", "nb-weak"),
        (DIRECT_INTERNET, "nb-weak"),
    ]
    new_findings = {(f["rule_id"], f["resource"]["name"]) for f in diff["new"]}
    assert new_findings and {name for _, name in new_findings} == {"ep-new"}
    new_in_report = {
        (r["rule_id"], r["resource"]["name"])
        for r in second["results"]
        if r["status"] == "failed" and r["new"]
    }
    assert new_in_report == new_findings

    # Security Hub: the fixed finding resolved and archived; the others stand.
    hub = _security_hub(moto_endpoint)
    fixed = next(
        r for r in first["results"]
        if r["rule_id"] == DIRECT_INTERNET and r["resource"]["name"] == "nb-weak"
    )  # fmt: skip
    closed = hub[f"mlposture/{fixed['fingerprint']}"]
    assert closed["Workflow"]["Status"] == "RESOLVED"
    assert closed["RecordState"] == "ARCHIVED"
    assert closed["Compliance"]["Status"] == "PASSED"
    paths = {
        f"mlposture/{r['fingerprint']}"
        for r in first["results"]
        if r["category"] == "attack-path" and r["resource"]["name"] == "nb-weak"
    }
    assert len(paths) == 2
    archived = {i for i, f in hub.items() if f["RecordState"] == "ARCHIVED"}
    # The paths resolved with it; still-failing findings are not archived.
    assert archived == {closed["Id"], *paths}
    for result in second["results"]:
        if result["status"] == "failed":
            assert hub[f"mlposture/{result['fingerprint']}"]["RecordState"] == "ACTIVE"

    code, third = _audit(env, store, tmp_path / "third.json")
    assert code == 0  # nothing new, and moto's coverage gaps were there before
    assert not any(r.get("new") for r in third["results"])
    history = json.loads(_mlposture(env, "history", "--store", store, "--format", "json").stdout)
    assert [(r["new"], r["resolved"]) for r in history["runs"]][1:] == [
        (len(new_findings), 3),  # the notebook's finding and its two paths
        (0, 0),
    ]
