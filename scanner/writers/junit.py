"""JUnit XML for CI test-report views (GitLab, Jenkins, Azure DevOps, CircleCI).

`junit_xml(report: dict) -> str` works on the JSON contract; `write_junit(report, out)` writes
a `Report`. One `<testsuite>` per rule: a rule is a test and every resource it judged is a
case, so a CI view reads "MLP-AWS-SM-002: 3 of 5 failed" and lists the resources under it.
- `<testcase name=RESOURCE-ID classname=RULE-ID file=FILE line=LINE>`; classname holds no dots
  (Jenkins splits dotted classnames into packages).
- A failed result has `<failure message=TITLE type=SEVERITY>` with the location, what the
  rule saw (a `seen:` line per evidence item), the remediation and the fingerprint in its
  text; a suppressed one is `<skipped>` with its reason; a passed one (only with
  `--include-passed`) has no child.
- Files that could not be read are `<error>` cases of a suite "mlposture input errors".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from scanner.writers.common import (
    JsonReport,
    framework_ids,
    normalized_path,
    resource,
    results,
    suppression_reason,
    where,
)

# Only named: a report kept by the run cache is written without loading the report model.
if TYPE_CHECKING:
    from scanner.report import Report

ERROR_SUITE = "mlposture input errors"
# Characters XML 1.0 cannot carry at all (a parse error message may quote binary input).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.set(key, _NOT_XML.sub("\ufffd", value))


def _case(result: Mapping[str, Any]) -> ET.Element:
    res = resource(result)
    case = ET.Element("testcase", name=str(res.get("id")), classname=str(result.get("rule_id")))
    case.set("time", "0")
    if res.get("file"):
        case.set("file", normalized_path(str(res["file"])))
        if res.get("line"):
            case.set("line", str(res["line"]))
    status = result.get("status")
    if status == "failed":
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{result.get('title')} ({result.get('severity')})",
            type=str(result.get("severity")),
        )
        lines = [
            f"{res.get('id')} at {where(res)}",
            f"rule: {result.get('rule_id')} ({result.get('severity')}, {result.get('category')})",
            *(f"seen: {text}" for text in _evidence(result)),
            f"remediation: {' '.join(str(result.get('remediation') or '').split())}",
            f"fingerprint: {result.get('fingerprint')}",
        ]
        frameworks = framework_ids(result)
        if frameworks:
            lines.append(f"frameworks: {', '.join(frameworks)}")
        expired = result.get("suppression")
        if isinstance(expired, Mapping) and expired.get("expires"):
            lines.append(f"suppression expired on {expired['expires']}: {expired.get('reason')}")
        failure.text = "\n".join(lines)
    elif status == "suppressed":
        reason = suppression_reason(result) or "no reason given"
        ET.SubElement(case, "skipped", message=f"suppressed: {reason}")
    return case


def _evidence(result: Mapping[str, Any]) -> list[str]:
    """What the rule saw: the texts of the contract's `evidence`, one line each."""
    items = result.get("evidence")
    if not isinstance(items, list):
        return []
    return [str(e.get("text")) for e in items if isinstance(e, Mapping) and e.get("text")]


def _suite(name: str, cases: list[ET.Element]) -> ET.Element:
    suite = ET.Element("testsuite", name=name)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    suite.set("time", "0")
    suite.extend(cases)
    return suite


def _error_cases(report: JsonReport) -> list[ET.Element]:
    cases = []
    for error in report.get("errors") or []:
        file = str(error.get("file") or "")
        line = error.get("line")
        case = ET.Element("testcase", name=file, classname="mlposture-input", time="0")
        if file and error.get("account") is None:  # a live gap's `file` is aws://...
            case.set("file", file)
        if line:
            case.set("line", str(line))
        place = f"{file}:{line}" if line else file
        failed = ET.SubElement(case, "error", message=str(error.get("message")), type="input")
        failed.text = f"{place}: {error.get('message')}"
        cases.append(case)
    return cases


def junit_xml(report: JsonReport) -> str:
    """The JUnit XML document of a report in the JSON contract."""
    root = ET.Element("testsuites", name="mlposture")
    ordered = sorted(results(report), key=lambda r: str(r.get("rule_id")))
    for rule_id, group in groupby(ordered, key=lambda r: str(r.get("rule_id"))):
        cases = list(group)
        title = cases[0].get("title")
        root.append(_suite(f"{rule_id}: {title}", [_case(r) for r in cases]))
    errors = _error_cases(report)
    if errors:
        root.append(_suite(ERROR_SUITE, errors))
    for attribute in ("tests", "failures", "errors", "skipped"):
        total = sum(int(suite.get(attribute, "0")) for suite in root)
        root.set(attribute, str(total))
    root.set("time", "0")
    _xml_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def write_junit(report: Report, out: TextIO) -> None:
    out.write(junit_xml(report.as_dict()))
    out.write("\n")
