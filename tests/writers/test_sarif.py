"""SARIF: valid against the published OASIS schema, and what code scanning reads from it."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from scanner.model.suppression import Suppression
from scanner.report import Report, Result
from scanner.writers.sarif import FINGERPRINT_KEY, SRCROOT, sarif_log, write_sarif
from tests.writers.conftest import LIVE_ARN, SUPPRESSION_REASON

SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def log(scanned: Report) -> dict[str, Any]:
    out = io.StringIO()
    write_sarif(scanned, out)
    parsed: dict[str, Any] = json.loads(out.getvalue())
    return parsed


def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_valid_against_the_published_schema(log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(log)]
    assert errors == []


def test_the_schema_check_catches_a_broken_log(log: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(list(_validator().iter_errors(broken))) == 2


def test_rules_carry_help_and_security_severity(scanned: Report, log: dict[str, Any]) -> None:
    driver = log["runs"][0]["tool"]["driver"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert set(by_id) == {r.rule.id for r in scanned.results}
    for result in scanned.results:
        rule = by_id[result.rule.id]
        assert rule["shortDescription"]["text"] == result.rule.title
        assert rule["fullDescription"]["text"].split()[:5] == result.rule.rationale.split()[:5]
        assert "## Remediation" in rule["help"]["markdown"]
        for source in result.rule.remediation:
            assert f"**{source}**" in rule["help"]["markdown"]
        assert "Remediation:" in rule["help"]["text"]
        assert rule["helpUri"] == result.rule.references[0]
        expected = {"critical": 9.5, "high": 8.0, "medium": 5.5, "low": 3.0}
        severity = rule["properties"]["security-severity"]
        assert isinstance(severity, str)
        assert float(severity) == expected[result.rule.severity.value]
        assert result.rule.category.value in rule["properties"]["tags"]


def test_results_point_at_file_and_line(scanned: Report, log: dict[str, Any]) -> None:
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(scanned.results)
    for ours, theirs in zip(scanned.results, run["results"], strict=True):
        assert theirs["ruleId"] == ours.rule.id
        assert rules[theirs["ruleIndex"]]["id"] == ours.rule.id
        assert theirs["partialFingerprints"] == {FINGERPRINT_KEY: ours.fingerprint}
        location = theirs["locations"][0]
        assert location["logicalLocations"][0]["fullyQualifiedName"] == ours.resource.id
        where = ours.resource.location
        if where.file is None:
            continue
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": where.file, "uriBaseId": SRCROOT}
        assert physical["region"] == {"startLine": where.line}
        assert not physical["artifactLocation"]["uri"].startswith(("/", "file:"))


def test_levels_and_kinds_follow_status(scanned: Report, log: dict[str, Any]) -> None:
    levels = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
    for ours, theirs in zip(scanned.results, log["runs"][0]["results"], strict=True):
        if ours.status == "passed":
            assert (theirs["kind"], theirs["level"]) == ("pass", "none")
        else:
            assert (theirs["kind"], theirs["level"]) == ("fail", levels[ours.rule.severity.value])
    statuses = {r.status for r in scanned.results}
    assert statuses == {"failed", "passed", "suppressed"}


def test_suppressed_result_carries_its_justification(log: dict[str, Any]) -> None:
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert (suppression["kind"], suppression["status"]) == ("inSource", "accepted")
    assert suppression["justification"] == SUPPRESSION_REASON
    # The suppression comment sits with the resource it covers.
    finding = suppressed[0]["locations"][0]["physicalLocation"]
    assert suppression["location"]["physicalLocation"] == finding


def test_live_result_has_a_logical_location_only(log: dict[str, Any]) -> None:
    live = [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == LIVE_ARN
    ]
    assert len(live) == 1
    assert "physicalLocation" not in live[0]["locations"][0]
    assert live[0]["locations"][0]["logicalLocations"][0]["kind"] == "resource"


def test_unreadable_file_is_a_tool_notification(scanned: Report, log: dict[str, Any]) -> None:
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert len(errors) == len(scanned.errors) >= 1
    places = [n["locations"][0]["physicalLocation"] for n in errors]
    broken = next(p for p in places if "broken" in p["artifactLocation"]["uri"])
    assert broken["region"] == {"startLine": 2}


def test_clean_run_is_successful(scanned: Report) -> None:
    clean = Report(summary=scanned.summary, results=scanned.results, errors=[], not_scanned=[])
    invocation = sarif_log(clean)["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_paths_through_parent_folders_are_normalized(scanned: Report) -> None:
    first = scanned.results[0]
    location = dataclasses.replace(
        first.resource.location, file="envs/dev/../../modules/nb/main.tf"
    )
    resource = dataclasses.replace(first.resource, location=location)
    moved = Report(
        summary=scanned.summary,
        results=[Result(first.rule, resource, "failed", first.fingerprint)],
        errors=[],
        not_scanned=[],
    )
    physical = sarif_log(moved)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "modules/nb/main.tf"


def test_absolute_path_outside_the_working_folder_is_a_file_uri(scanned: Report) -> None:
    first = scanned.results[0]
    location = dataclasses.replace(first.resource.location, file="/srv/infra/my notebook.tf")
    resource = dataclasses.replace(first.resource, location=location)
    report = Report(scanned.summary, [Result(first.rule, resource, "failed", "f" * 32)], [], [])
    physical = sarif_log(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "file:///srv/infra/my%20notebook.tf"}
    assert _validator().is_valid(sarif_log(report))


def test_expired_suppression_fails_again_and_says_so(scanned: Report) -> None:
    first = scanned.results[0]
    where = first.resource.location
    lapsed = Suppression(first.rule.id, "temporary", date(2020, 1, 31), where.file or "", 1)
    result = dataclasses.replace(first, status="failed", suppression=lapsed)
    report = Report(scanned.summary, [result], [], [])
    (sarif,) = sarif_log(report)["runs"][0]["results"]
    assert "suppressions" not in sarif
    assert sarif["level"] != "none"
    assert sarif["message"]["text"].endswith("(its suppression expired on 2020-01-31)")
