"""CSV: one row per result, for spreadsheets and ad-hoc analysis.

`csv_rows(report: dict) -> list[list[str]]` works on the JSON contract (header first);
`write_csv(report, out)` writes a `Report`. The columns are `COLUMNS`, in that order, and
only ever grow at the end. Lists are joined with "; " (`frameworks`: "aws-fsbp SageMaker.1;
nist-800-53 AC-6"), and so are the `evidence` texts ("direct_internet_access: absent, service
default Enabled"). Input errors are not rows: they are in the JSON and SARIF outputs and
make the exit code 1.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
leading apostrophe: names and ids come from the scanned code, which a pull request controls.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from scanner.model.text import terminal_safe
from scanner.writers.common import (
    JsonReport,
    framework_ids,
    resource,
    results,
    suppression_reason,
)

# Only named: a report kept by the run cache is written without loading the report model.
if TYPE_CHECKING:
    from scanner.report import Report

COLUMNS = (
    "rule_id",
    "title",
    "severity",
    "category",
    "status",
    "resource_id",
    "resource_name",
    "resource_kind",
    "resource_type",
    "provider",
    "source",
    "file",
    "line",
    "account",
    "region",
    "fingerprint",
    "frameworks",
    "remediation",
    "suppression_reason",
    "evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    # Escape sequences and bidirectional overrides shown as \xNN / \uNNNN, then the formula
    # prefix rule: a spreadsheet or a terminal `cat` shows the text, never acts on it.
    text = "" if value is None else terminal_safe(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(result: Mapping[str, Any]) -> list[str]:
    res = resource(result)
    values = {
        "rule_id": result.get("rule_id"),
        "title": result.get("title"),
        "severity": result.get("severity"),
        "category": result.get("category"),
        "status": result.get("status"),
        "resource_id": res.get("id"),
        "resource_name": res.get("name"),
        "resource_kind": res.get("kind"),
        "resource_type": res.get("type"),
        "provider": res.get("provider"),
        "source": res.get("source"),
        "file": res.get("file"),
        "line": res.get("line"),
        "account": res.get("account"),
        "region": res.get("region"),
        "fingerprint": result.get("fingerprint"),
        "frameworks": "; ".join(framework_ids(result)),
        "remediation": " ".join(str(result.get("remediation") or "").split()),
        "suppression_reason": suppression_reason(result),
        "evidence": "; ".join(_evidence(result)),
    }
    return [_cell(values[column]) for column in COLUMNS]


def _evidence(result: Mapping[str, Any]) -> list[str]:
    items = result.get("evidence")
    if not isinstance(items, list):
        return []
    return [str(e.get("text")) for e in items if isinstance(e, Mapping) and e.get("text")]


def csv_rows(report: JsonReport) -> list[list[str]]:
    """The header, then one row per result, in the report's order."""
    return [list(COLUMNS)] + [_row(result) for result in results(report)]


def write_csv(report: Report, out: TextIO) -> None:
    # "\n" ends rows: a text-mode file on Windows would turn "\r\n" into "\r\r\n". The csv
    # module quotes cells holding commas, quotes and newlines.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(csv_rows(report.as_dict()))
