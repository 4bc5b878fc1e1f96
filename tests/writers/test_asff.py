"""ASFF: findings that botocore's own Security Hub model accepts, and that Security Hub
(moto) imports and gives back."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.validate import ParamValidator
from moto import mock_aws

from scanner.report import Report
from scanner.writers.asff import asff_findings, product_arn, write_asff
from tests.writers.conftest import LIVE_ARN, SUPPRESSION_REASON

ACCOUNT = "123456789012"
REGION = "eu-central-1"
WHEN = datetime(2026, 11, 29, 6, 0, 0, tzinfo=UTC)
# Limits the API reference documents and botocore's model does not carry.
MAX_LENGTHS = {"Title": 256, "Description": 1024, "Id": 512, "GeneratorId": 512}


@pytest.fixture(scope="module")
def findings(scanned: Report) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_asff(scanned, out, account_id=ACCOUNT, region=REGION, time=WHEN)
    parsed: list[dict[str, Any]] = json.loads(out.getvalue())
    return parsed


def _problems(findings: list[dict[str, Any]]) -> str:
    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    report = ParamValidator().validate({"Findings": findings}, shape)
    return report.generate_report() if report.has_errors() else ""


def test_valid_for_batch_import_findings(findings: list[dict[str, Any]]) -> None:
    assert _problems(findings) == ""
    for finding in findings:
        for field, limit in MAX_LENGTHS.items():
            assert 1 <= len(finding[field]) <= limit
        assert len(finding["Remediation"]["Recommendation"]["Text"]) <= 512


def test_validation_catches_a_wrong_finding(findings: list[dict[str, Any]]) -> None:
    broken = json.loads(json.dumps(findings[:1]))
    del broken[0]["GeneratorId"]
    broken[0]["Severity"]["Label"] = 7
    assert "GeneratorId" in _problems(broken)
    assert "Label" in _problems(broken)


def test_identity_product_and_account(scanned: Report, findings: list[dict[str, Any]]) -> None:
    assert len(findings) == len(scanned.results)
    for ours, finding in zip(scanned.results, findings, strict=True):
        assert finding["Id"] == f"mlposture/{ours.fingerprint}"
        assert finding["ProductFields"]["mlposture/fingerprint"] == ours.fingerprint
        assert finding["GeneratorId"] == f"mlposture/{ours.rule.id}"
        assert finding["ProductArn"] == (
            f"arn:aws:securityhub:{REGION}:{ACCOUNT}:product/{ACCOUNT}/default"
        )
        assert finding["AwsAccountId"] == ACCOUNT
        assert finding["CreatedAt"] == finding["UpdatedAt"] == "2026-11-29T06:00:00.000Z"
        labels = {"critical": "CRITICAL", "high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
        assert finding["Severity"]["Label"] == labels[ours.rule.severity.value]
        assert finding["RecordState"] == "ACTIVE"


def test_status_maps_to_compliance_and_workflow(
    scanned: Report, findings: list[dict[str, Any]]
) -> None:
    expected = {
        "failed": ("FAILED", "NEW"),
        "suppressed": ("FAILED", "SUPPRESSED"),
        "passed": ("PASSED", "RESOLVED"),
    }
    for ours, finding in zip(scanned.results, findings, strict=True):
        status = (finding["Compliance"]["Status"], finding["Workflow"]["Status"])
        assert status == expected[ours.status]
    suppressed = [f for f in findings if f["Workflow"]["Status"] == "SUPPRESSED"]
    reasons = [f["ProductFields"]["mlposture/suppression_reason"] for f in suppressed]
    assert reasons == [SUPPRESSION_REASON]


def test_resources_code_and_live(findings: list[dict[str, Any]]) -> None:
    live = [f for f in findings if f["Resources"][0]["Id"] == LIVE_ARN]
    assert len(live) == 1
    resource = live[0]["Resources"][0]
    assert resource["Type"] == "AwsSageMakerNotebookInstance"
    assert (resource["Partition"], resource["Region"]) == ("aws", "eu-west-1")
    assert live[0]["Region"] == "eu-west-1"
    code = [f for f in findings if not f["Resources"][0]["Id"].startswith("arn:")]
    assert code
    for finding in code:
        resource = finding["Resources"][0]
        assert resource["Type"] == "Other"
        assert resource["Region"] == REGION
        assert resource["Details"]["Other"]["file"].startswith("code/")


def test_long_text_is_cut_to_the_api_limits(scanned: Report) -> None:
    report = scanned.as_dict()
    result = dict(report["results"][0])  # type: ignore[index]
    result["title"] = "t" * 400
    result["remediation"] = "r " * 1000
    cut = asff_findings({**report, "results": [result]}, account_id=ACCOUNT, region=REGION)
    assert len(cut[0]["Title"]) == 256
    assert len(cut[0]["Remediation"]["Recommendation"]["Text"]) == 512
    assert _problems(cut) == ""


@mock_aws
def test_security_hub_imports_every_finding_once(findings: list[dict[str, Any]]) -> None:
    client = boto3.client("securityhub", region_name=REGION)
    for start in range(0, len(findings), 100):
        answer = client.batch_import_findings(Findings=findings[start : start + 100])  # type: ignore[arg-type]
        assert answer["FailedCount"] == 0
    # Importing again updates, never duplicates: the Id is the fingerprint.
    client.batch_import_findings(Findings=findings[:100])  # type: ignore[arg-type]
    stored = client.get_findings(MaxResults=100)["Findings"]
    ids = [f["Id"] for f in stored]
    assert sorted(ids) == sorted(f["Id"] for f in findings)
    assert stored[0]["ProductArn"] == product_arn(ACCOUNT, REGION)
