"""JUnit XML and CSV, read back with the standard library."""

from __future__ import annotations

import csv
import dataclasses
import io
import xml.etree.ElementTree as ET
from collections import Counter

from scanner.errors import InputError
from scanner.report import Report, Result
from scanner.writers.csv_writer import COLUMNS, write_csv
from scanner.writers.junit import ERROR_SUITE, write_junit
from tests.writers.conftest import LIVE_ARN, SUPPRESSION_REASON


def _junit(report: Report) -> ET.Element:
    out = io.StringIO()
    write_junit(report, out)
    return ET.fromstring(out.getvalue().encode("utf-8"))


def _csv(report: Report) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_csv(report, out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_junit_one_suite_per_rule_with_the_right_counts(scanned: Report) -> None:
    root = _junit(scanned)
    statuses = Counter(r.status for r in scanned.results)
    assert root.get("tests") == str(len(scanned.results) + len(scanned.errors))
    assert root.get("failures") == str(statuses["failed"])
    assert root.get("skipped") == str(statuses["suppressed"])
    assert root.get("errors") == str(len(scanned.errors))
    rule_suites = [s for s in root.iter("testsuite") if s.get("name") != ERROR_SUITE]
    per_rule = Counter(r.rule.id for r in scanned.results)
    assert {s.get("name", "").split(":")[0]: int(s.get("tests", "")) for s in rule_suites} == (
        per_rule
    )
    for suite in rule_suites:
        cases = suite.findall("testcase")
        assert suite.get("failures") == str(sum(c.find("failure") is not None for c in cases))


def test_junit_failure_names_resource_location_and_fix(scanned: Report) -> None:
    root = _junit(scanned)
    failed = next(r for r in scanned.results if r.status == "failed" and r.resource.location.file)
    suite = next(s for s in root.iter("testsuite") if s.get("name", "").startswith(failed.rule.id))
    case = next(
        c
        for c in suite.iter("testcase")
        if f"fingerprint: {failed.fingerprint}" in (getattr(c.find("failure"), "text", "") or "")
    )
    assert (case.get("name"), case.get("file")) == (
        failed.resource.id,
        failed.resource.location.file,
    )
    assert case.get("classname") == failed.rule.id
    assert case.get("line") == str(failed.resource.location.line)
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == failed.rule.severity.value
    assert failure.get("message", "").startswith(failed.rule.title)
    text = failure.text or ""
    assert f"{failed.resource.location.file}:{failed.resource.location.line}" in text
    assert f"fingerprint: {failed.fingerprint}" in text
    assert "remediation: " in text


def test_junit_suppressed_is_skipped_and_errors_are_errors(scanned: Report) -> None:
    root = _junit(scanned)
    skipped = [s.get("message") for s in root.iter("skipped")]
    assert skipped == [f"suppressed: {SUPPRESSION_REASON}"]
    errors = next(s for s in root.iter("testsuite") if s.get("name") == ERROR_SUITE)
    case = errors.find("testcase")
    assert case is not None
    assert case.get("file", "").endswith("broken/main.tf")
    assert case.get("line") == "2"


def test_junit_stays_well_formed_with_control_characters(scanned: Report) -> None:
    bad = InputError("bin/blob.tf", 1, "not UTF-8: \x00\x1b[31m")
    root = _junit(dataclasses.replace(scanned, errors=[bad]))
    assert "not UTF-8" in next(root.iter("error")).get("message", "")


def test_csv_one_row_per_result_in_order(scanned: Report) -> None:
    rows = _csv(scanned)
    assert len(rows) == len(scanned.results)
    for ours, row in zip(scanned.results, rows, strict=True):
        assert row["rule_id"] == ours.rule.id
        assert row["status"] == ours.status
        assert row["resource_id"] == ours.resource.id
        assert row["fingerprint"] == ours.fingerprint
        assert row["file"] == (ours.resource.location.file or "")
        assert row["line"] == str(ours.resource.location.line or "")
    live = next(r for r in rows if r["resource_id"] == LIVE_ARN)
    assert (live["account"], live["region"], live["file"]) == ("444455556666", "eu-west-1", "")
    suppressed = [r for r in rows if r["status"] == "suppressed"]
    assert [r["suppression_reason"] for r in suppressed] == [SUPPRESSION_REASON]
    assert "aws-fsbp SageMaker.3" in next(
        r["frameworks"] for r in rows if r["rule_id"] == "MLP-AWS-SM-003"
    )


def test_csv_quotes_and_defuses_formulas(scanned: Report) -> None:
    first = scanned.results[0]
    resource = dataclasses.replace(first.resource, name='=HYPERLINK("http://x","a, b")\nc')
    report = dataclasses.replace(
        scanned, results=[Result(first.rule, resource, "failed", first.fingerprint)]
    )
    rows = _csv(report)
    assert len(rows) == 1
    assert rows[0]["resource_name"] == '\'=HYPERLINK("http://x","a, b")\nc'
