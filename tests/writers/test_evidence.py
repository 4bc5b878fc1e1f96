"""Every format shows what a failed rule saw: the table under the finding, the SARIF message,
the JUnit failure text and a CSV column; the JSON contract carries it as data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from scanner.engine.evidence import Evidence
from scanner.report import Report, Result
from scanner.writers.csv_writer import write_csv
from scanner.writers.junit import write_junit
from scanner.writers.sarif import sarif_log
from scanner.writers.table import write_table

SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"
# The fixture code: fail.tf of MLP-AWS-SM-002 leaves `direct_internet_access` out of one
# notebook and writes "Enabled" on another.
DEFAULTED = "direct_internet_access: absent, service default Enabled"


def _failed_with_evidence(report: Report) -> list[Result]:
    found = [r for r in report.results if r.status == "failed" and r.evidence]
    assert found, "the fixture scan has failures with evidence"
    return found


def _defaulted(report: Report) -> Result:
    return next(
        r
        for r in _failed_with_evidence(report)
        if r.rule.id == "MLP-AWS-SM-002" and r.evidence[0].text == DEFAULTED
    )


def test_the_json_contract_carries_evidence_on_failed_results_only(scanned: Report) -> None:
    results = scanned.as_dict()["results"]
    assert isinstance(results, list)
    for result in results:
        if result["status"] == "passed":
            assert "evidence" not in result
    defaulted = _defaulted(scanned).as_dict()["evidence"]
    assert defaulted == [
        {
            "field": "direct_internet_access",
            "value": True,
            "defaulted": True,
            "default": True,
            "line": None,
            "text": DEFAULTED,
        }
    ]


def test_the_table_shows_evidence_under_each_finding(scanned: Report) -> None:
    out = io.StringIO()
    write_table(scanned, out, color=False)
    lines = out.getvalue().splitlines()
    result = _defaulted(scanned)
    at = next(
        i
        for i, line in enumerate(lines)
        if result.rule.id in line and "failed" in line and DEFAULTED in lines[i + 1]
    )
    assert lines[at + 1].strip() == DEFAULTED


def test_the_table_dims_evidence_and_never_reads_it_as_markup(scanned: Report) -> None:
    result = _failed_with_evidence(scanned)[0]
    hostile = Evidence("name", "x", text="[bold red]PWNED[/] \x1b[31mred\x1b]8;;http://x\x07")
    report = dataclasses.replace(
        scanned, results=[dataclasses.replace(result, evidence=(hostile,))], errors=[]
    )
    out = io.StringIO()
    write_table(report, out, color=True)
    text = out.getvalue()
    assert "[bold red]PWNED[/]" in text  # shown as written, not as bold red
    assert "\x1b[31mred" not in text and "\\x1b[31mred" in text
    evidence_line = next(line for line in text.splitlines() if "PWNED" in line)
    assert "\x1b[2m" in evidence_line  # dim


def test_the_sarif_message_says_what_was_seen(scanned: Report) -> None:
    log = sarif_log(scanned)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []
    result = _defaulted(scanned)
    messages = [
        r["message"]["text"]
        for r in log["runs"][0]["results"]
        if r["partialFingerprints"]["mlposture/v1"] == result.fingerprint
    ]
    assert len(messages) == 1
    assert f"fails: {result.rule.title}. Seen: {DEFAULTED}." in messages[0]


def test_the_junit_failure_text_has_a_seen_line_per_item(scanned: Report) -> None:
    out = io.StringIO()
    write_junit(scanned, out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    result = _defaulted(scanned)
    text = next(
        f.text or ""
        for f in root.iter("failure")
        if f"fingerprint: {result.fingerprint}" in (f.text or "")
    )
    assert f"seen: {DEFAULTED}" in text.splitlines()


def test_the_csv_has_an_evidence_column(scanned: Report) -> None:
    out = io.StringIO(newline="")
    write_csv(scanned, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    result = _defaulted(scanned)
    [row] = [r for r in rows if r["fingerprint"] == result.fingerprint]
    assert row["evidence"] == DEFAULTED
    assert all(r["evidence"] == "" for r in rows if r["status"] == "passed")
