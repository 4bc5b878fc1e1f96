"""A live audit (moto) written as SARIF, OCSF and ASFF: no file, an ARN, account and region;
and the ASFF imported into the audited account's Security Hub."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import jsonschema
import pytest
from moto import mock_aws
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding

from scanner.engine.rules import builtin_rules_dir
from scanner.pipeline import ScanOptions, audit
from scanner.report import Report
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from scanner.writers import WriteOptions, write_report
from tests.live.aws.seed import ACCOUNT, load_fixture, seed

FIXTURE = builtin_rules_dir() / "aws" / "sagemaker" / "notebook-root-access" / "fail.live.json"
SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"
REGION = "eu-west-1"


@pytest.fixture(scope="module")
def audited() -> Iterator[Report]:
    with mock_aws():
        seed(load_fixture(FIXTURE))
        yield audit(
            aws_source(AwsAuditOptions(regions=(REGION,), workers=1)),
            ScanOptions(only_rules=("MLP-AWS-SM-003",), include_passed=True),
        )


def _written(report: Report, fmt: str, options: WriteOptions | None = None) -> str:
    out = io.StringIO()
    write_report(report, fmt, out, options or WriteOptions())
    return out.getvalue()


def test_live_sarif_is_valid_with_logical_locations(audited: Report) -> None:
    assert [r.status for r in audited.results] == ["failed", "failed"]
    log = json.loads(_written(audited, "sarif"))
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []
    names = set()
    for result in log["runs"][0]["results"]:
        (location,) = result["locations"]
        assert "physicalLocation" not in location
        names.add(location["logicalLocations"][0]["fullyQualifiedName"])
    assert names == {
        f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:notebook-instance/{name}"
        for name in ("nb-default", "nb-root")
    }
    for note in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]:
        assert "physicalLocation" not in note["locations"][0]


def test_live_ocsf_names_account_and_region(audited: Report) -> None:
    events = [json.loads(line) for line in _written(audited, "ocsf").splitlines()]
    assert len(events) == 2
    for event in events:
        ComplianceFinding.model_validate({k: v for k, v in event.items() if k != "cloud"})
        assert event["cloud"]["account"]["uid"] == ACCOUNT
        assert event["cloud"]["region"] == REGION
        assert event["resources"][0]["uid"].startswith(f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:")


def test_live_asff_defaults_to_the_audited_account_and_imports(audited: Report) -> None:
    findings: list[dict[str, Any]] = json.loads(_written(audited, "asff"))
    assert {f["AwsAccountId"] for f in findings} == {ACCOUNT}
    assert {f["Region"] for f in findings} == {REGION}
    assert {f["Resources"][0]["Type"] for f in findings} == {"AwsSageMakerNotebookInstance"}
    with mock_aws():
        client = boto3.client("securityhub", region_name=REGION)
        answer = client.batch_import_findings(Findings=findings)  # type: ignore[arg-type]
        assert (answer["SuccessCount"], answer["FailedCount"]) == (2, 0)
        stored = client.get_findings()["Findings"]
        assert sorted(f["Id"] for f in stored) == sorted(
            f"mlposture/{r.fingerprint}" for r in audited.results
        )
