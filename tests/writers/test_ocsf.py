"""OCSF: Compliance Findings that py-ocsf-models accepts in full, one JSON object a line."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding
from py_ocsf_models.objects.cloud import Cloud
from pydantic import ValidationError

from scanner.report import Report
from scanner.writers.ocsf import ocsf_events, write_ocsf
from tests.writers.conftest import LIVE_ACCOUNT, LIVE_ARN, LIVE_REGION, SUPPRESSION_REASON

WHEN = datetime(2026, 11, 29, 6, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def lines(scanned: Report) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_ocsf(scanned, out, time=WHEN)
    text = out.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def _validated(event: dict[str, Any]) -> None:
    """Every key the event has is one the OCSF models know: a model that dropped a key on
    validation would give back less than it was given."""
    body = {k: v for k, v in event.items() if k != "cloud"}
    model = ComplianceFinding.model_validate(body)
    assert model.model_dump(mode="json", exclude_none=True) == body
    cloud = Cloud.model_validate(event["cloud"])
    assert cloud.model_dump(mode="json", exclude_none=True) == event["cloud"]


def test_every_event_validates_in_full(scanned: Report, lines: list[dict[str, Any]]) -> None:
    assert len(lines) == len(scanned.results)
    for event in lines:
        _validated(event)


def test_validation_rejects_a_wrong_event(lines: list[dict[str, Any]]) -> None:
    broken = {k: v for k, v in lines[0].items() if k not in ("cloud", "compliance")}
    with pytest.raises(ValidationError):
        ComplianceFinding.model_validate(broken)


def test_class_type_and_identity(scanned: Report, lines: list[dict[str, Any]]) -> None:
    for ours, event in zip(scanned.results, lines, strict=True):
        assert event["class_uid"] == 2003
        assert event["category_uid"] == 2
        assert event["type_uid"] == 2003 * 100 + event["activity_id"]
        assert event["finding_info"]["uid"] == ours.fingerprint
        assert event["metadata"]["event_code"] == ours.rule.id
        assert event["metadata"]["version"].startswith("1.")
        assert event["time"] == int(WHEN.timestamp() * 1000)
        assert event["resources"][0]["uid"] == ours.resource.id
        severities = {"critical": 5, "high": 4, "medium": 3, "low": 2, "info": 1}
        assert event["severity_id"] == severities[ours.rule.severity.value]


def test_status_maps_to_finding_and_compliance_status(
    scanned: Report, lines: list[dict[str, Any]]
) -> None:
    expected = {"failed": (1, 3, 1), "suppressed": (3, 3, 1), "passed": (4, 1, 3)}
    for ours, event in zip(scanned.results, lines, strict=True):
        status_id, compliance_id, activity = expected[ours.status]
        assert event["status_id"] == status_id
        assert event["compliance"]["status_id"] == compliance_id
        assert event["activity_id"] == activity
        assert event["status_code"] == ours.status
    suppressed = [e for e in lines if e["status_code"] == "suppressed"]
    assert [e["status_detail"] for e in suppressed] == [SUPPRESSION_REASON]


def test_standards_leave_out_other_scanners(lines: list[dict[str, Any]]) -> None:
    compliance = next(
        e["compliance"] for e in lines if e["metadata"]["event_code"] == "MLP-AWS-SM-003"
    )
    assert "aws-fsbp" in compliance["standards"]
    assert "aws-fsbp SageMaker.3" in compliance["requirements"]
    assert not {"checkov", "prowler", "kics"} & set(compliance["standards"])


def test_live_event_carries_cloud_account_and_region(lines: list[dict[str, Any]]) -> None:
    live = [e for e in lines if e["resources"][0]["uid"] == LIVE_ARN]
    assert len(live) == 1
    cloud = live[0]["cloud"]
    assert cloud["provider"] == "AWS"
    assert cloud["region"] == LIVE_REGION
    assert cloud["account"]["uid"] == LIVE_ACCOUNT
    assert live[0]["resources"][0]["region"] == LIVE_REGION
    assert live[0]["resources"][0]["cloud_partition"] == "aws"


def test_saved_json_report_gives_the_same_events(scanned: Report) -> None:
    saved = json.loads(json.dumps(scanned.as_dict()))
    assert ocsf_events(saved, time=WHEN) == ocsf_events(scanned.as_dict(), time=WHEN)
