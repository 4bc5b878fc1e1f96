"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, GitLab, IDEs).

`sarif_log(report) -> dict` builds the log; `write_sarif(report, out)` writes it. It takes the
`Report` (not the JSON contract) because rules carry their rationale, remediation per source
and references, which become each rule's help text.

- One run; `tool.driver.rules` holds every rule that has a result, with
  `properties.security-severity` as GitHub reads it (above 9.0 critical, 7.0-8.9 high, 4.0-6.9
  medium, up to 3.9 low; info rules carry none and show as notes).
- A result's location is its file (relative to `%SRCROOT%`, the folder the scan ran from) and
  start line, plus a logical location naming the resource; a live resource has only the
  logical location (its ARN or resource ID).
- A failed result's message says what the rule saw (`Seen: direct_internet_access: absent,
  service default Enabled.`), then how to fix it.
- `partialFingerprints["mlposture/v1"]` is the finding's fingerprint (rule and resource
  identity, never the line), so code scanning keeps one alert across commits.
- A suppressed result carries `suppressions` (in source, with its justification).
- Files that could not be read are `toolExecutionNotifications` of level error, and the
  invocation is then not `executionSuccessful` (the exit code is 1 too); resources left out on
  purpose (`not_scanned`) are notifications of level note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import quote

from scanner import __version__
from scanner.collector import collection_paused
from scanner.engine.rules import Rule
from scanner.report import Report, result_dicts
from scanner.writers.common import normalized_path, resource, suppression_reason
from scanner.writers.json_text import write_indented_json

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "mlposture/v1"
SRCROOT = "%SRCROOT%"

# GitHub code scanning: > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, <= 3.9 low.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
_LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}


def _help(rule: Rule) -> tuple[str, str]:
    """The help as plain text and as Markdown: why it matters, how to fix it, references."""
    rationale = " ".join(rule.rationale.split())
    fixes = [(source, " ".join(text.split())) for source, text in rule.remediation.items()]
    frameworks = [f"{name}: {', '.join(ids)}" for name, ids in rule.frameworks.items()]
    equivalents = [f"{tool}: {', '.join(ids)}" for tool, ids in rule.equivalents.items()]
    text = [rationale, "", "Remediation:"] + [f"- {source}: {fix}" for source, fix in fixes]
    markdown = [f"**{rule.title}**", "", rationale, "", "## Remediation", ""]
    markdown += [f"- **{source}**: {fix}" for source, fix in fixes]
    if frameworks:
        text += ["", "Frameworks:"] + [f"- {f}" for f in frameworks]
        markdown += ["", "## Frameworks", ""] + [f"- {f}" for f in frameworks]
    if equivalents:
        text += ["", "Equivalent checks:"] + [f"- {e}" for e in equivalents]
        markdown += ["", "## Equivalent checks", ""] + [f"- {e}" for e in equivalents]
    if rule.references:
        text += ["", "References:"] + [f"- {ref}" for ref in rule.references]
        markdown += ["", "## References", ""] + [f"- <{ref}>" for ref in rule.references]
    return "\n".join(text), "\n".join(markdown)


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    text, markdown = _help(rule)
    severity = rule.severity.value
    properties: dict[str, Any] = {
        "tags": ["security", rule.category.value, rule.kind.split(".", 1)[0], severity],
        "severity": severity,
        "category": rule.category.value,
        "kind": rule.kind,
    }
    if severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[severity]
    if rule.frameworks:
        properties["frameworks"] = rule.frameworks
    if rule.equivalents:
        properties["equivalents"] = rule.equivalents
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(rule.rationale.split())},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[severity]},
        "properties": properties,
    }
    if rule.references:
        descriptor["helpUri"] = rule.references[0]
    return descriptor


def _artifact(file: str) -> dict[str, str]:
    """A relative path stays relative to %SRCROOT%; an absolute one becomes a file URI."""
    path = normalized_path(file)
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": SRCROOT}


def _physical(file: str, line: object) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(file)}
    if isinstance(line, int) and line >= 1:
        physical["region"] = {"startLine": line}
    return physical


def _location(res: Mapping[str, Any]) -> dict[str, Any]:
    logical: dict[str, Any] = {"fullyQualifiedName": str(res.get("id")), "kind": "resource"}
    if res.get("name"):
        logical["name"] = str(res["name"])
    location: dict[str, Any] = {"logicalLocations": [logical]}
    if res.get("file"):
        location["physicalLocation"] = _physical(str(res["file"]), res.get("line"))
    return location


def _message(result: Mapping[str, Any], res: Mapping[str, Any]) -> str:
    subject = str(res.get("id"))
    name = res.get("name")
    if name and str(name) not in subject:
        subject += f" ({name})"
    status = result.get("status")
    if status == "passed":
        return f"{subject} passes: {result.get('title')}."
    text = f"{subject} fails: {result.get('title')}."
    seen = _evidence(result)
    if seen:
        text += f" Seen: {'; '.join(seen)}."
    remediation = " ".join(str(result.get("remediation") or "").split())
    return f"{text} {remediation}" if remediation else text


# Evidence items written into a result's message; the JSON report has them all.
EVIDENCE_ITEMS = 10


def _evidence(result: Mapping[str, Any]) -> list[str]:
    """What the rule saw (the contract's `evidence` texts), a few items at most."""
    items = result.get("evidence")
    if not isinstance(items, list):
        return []
    texts = [str(e.get("text")) for e in items if isinstance(e, Mapping) and e.get("text")]
    more = len(texts) - EVIDENCE_ITEMS
    return texts[:EVIDENCE_ITEMS] + ([f"{more} more in the JSON report"] if more > 0 else [])


def _result(contract: Mapping[str, Any], rule: Rule, rule_index: int) -> dict[str, Any]:
    res = resource(contract)
    status = contract.get("status")
    out: dict[str, Any] = {
        "ruleId": rule.id,
        "ruleIndex": rule_index,
        "kind": "pass" if status == "passed" else "fail",
        "level": "none" if status == "passed" else _LEVELS[rule.severity.value],
        "message": {"text": _message(contract, res)},
        "locations": [_location(res)],
        "partialFingerprints": {FINGERPRINT_KEY: str(contract.get("fingerprint"))},
        "properties": {"status": status, "resourceKind": res.get("kind")},
    }
    related = _hops(contract)
    if related:
        out["relatedLocations"] = related
    written = contract.get("suppression")
    if status == "suppressed":
        out["suppressions"] = [_suppression(contract, written)]
    elif isinstance(written, Mapping) and written.get("expires"):
        # An expired suppression fails again; say so where the reviewer reads.
        out["message"]["text"] += f" (its suppression expired on {written['expires']})"
    return out


def _hops(contract: Mapping[str, Any]) -> list[dict[str, Any]]:
    """An attack path's hops (evidence items with `path`), each resource once, as related
    locations: `hop 2 of path 1: can_write -> aws_s3_bucket.data`."""
    items = contract.get("evidence")
    if not isinstance(items, list):
        return []
    related: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for item in items:
        hop = item.get("path") if isinstance(item, Mapping) else None
        if not isinstance(hop, Mapping) or not hop.get("hop"):
            continue  # the entry is the result's own location
        key = (str(item.get("resource")), int(hop.get("chain") or 0))
        if key in seen:
            continue
        seen.add(key)
        location: dict[str, Any] = {
            "id": len(related),
            "message": {
                "text": f"hop {hop.get('hop')} of path {int(hop.get('chain') or 0) + 1}: "
                f"{hop.get('relation')} -> {item.get('resource')}"
            },
            "logicalLocations": [
                {"fullyQualifiedName": str(item.get("resource")), "kind": "resource"}
            ],
        }
        if hop.get("file"):
            location["physicalLocation"] = _physical(str(hop["file"]), hop.get("line"))
        related.append(location)
    return related


def _suppression(contract: Mapping[str, Any], written: object) -> dict[str, Any]:
    suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
    reason = suppression_reason(contract)
    if reason:
        suppression["justification"] = reason
    if isinstance(written, Mapping) and written.get("file"):
        physical = _physical(str(written["file"]), written.get("line"))
        suppression["location"] = {"physicalLocation": physical}
    return suppression


def _notifications(report: Report) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    for error in report.errors:
        note: dict[str, Any] = {"level": "error", "message": {"text": error.message}}
        if error.account is not None:
            # A live audit's coverage gap: `file` is aws://ACCOUNT/REGION/SERVICE, no file.
            gap = {"fullyQualifiedName": error.file, "kind": "module"}
            note["locations"] = [{"logicalLocations": [gap]}]
        elif error.file:
            note["locations"] = [{"physicalLocation": _physical(error.file, error.line)}]
        notes.append(note)
    for skipped in report.not_scanned:
        notes.append(
            {
                "level": "note",
                "message": {"text": f"not scanned: {skipped.what}: {skipped.reason}"},
                "locations": [{"physicalLocation": _physical(skipped.file, skipped.line)}],
            }
        )
    return notes


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log of a report, as a dict ready for `json.dump`."""
    rules = sorted({r.rule.id: r.rule for r in report.results}.values(), key=lambda r: r.id)
    index = {rule.id: i for i, rule in enumerate(rules)}
    # What each rule says worked out once per rule (result_dicts), and no collection pass
    # over the results' dicts, none in a cycle.
    with collection_paused():
        results = [
            _result(contract, result.rule, index[result.rule.id])
            for result, contract in zip(report.results, result_dicts(report.results), strict=True)
        ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mlposture",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": _notifications(report),
            }
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def write_sarif(report: Report, out: TextIO) -> None:
    write_indented_json(sarif_log(report), out)
    out.write("\n")
