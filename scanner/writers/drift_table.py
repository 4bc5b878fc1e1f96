"""The drift report on a terminal: what changed behind the code's back, side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.drift import DriftReport

_MAX_VALUE = 120


def _evidence_text(evidence: Sequence[Mapping[str, Any]]) -> str:
    """One line per item: the evidence's own text when it has one, else field: value."""
    lines = []
    for item in evidence:
        text = item.get("text") or f"{item.get('field')}: {item.get('value')!r}"
        text = str(text)
        lines.append(text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 3] + "...")
    return "\n".join(lines) or "-"


def _where(resource: Mapping[str, Any]) -> str:
    if resource.get("file"):
        line = resource.get("line")
        return f"{resource['file']}:{line}" if line else str(resource["file"])
    return " ".join(str(resource[k]) for k in ("account", "region") if resource.get(k))


def write_drift_table(drift: DriftReport, out: TextIO, to_terminal: bool = False) -> None:
    console = Console(file=out, force_terminal=to_terminal, width=None if to_terminal else 140)
    summary = drift.as_dict()["summary"]
    if drift.drifted:
        table = Table("severity", "rule", "resource", "the code says", "the cloud runs")
        for item in drift.drifted:
            code, live = item.as_dict()["code"], item.as_dict()["live"]
            table.add_row(
                Text(item.severity.upper()),
                Text(f"{item.rule_id}\n{item.title}"),
                Text(f"{live['name']}\n{live['id']}\ncode: {_where(code)}"),
                Text(_evidence_text(code["evidence"])),
                Text(_evidence_text(live["evidence"])),
            )
        console.print(Text("Drift: rules that pass in the code and fail in the cloud", "bold"))
        console.print(table)
    for title, sides in (
        ("Unmanaged: live ML resources no code declares", drift.unmanaged),
        ("Not deployed: declared in code, not found live", drift.not_deployed),
        ("Unresolved: names known only after apply, not matched", drift.unresolved),
    ):
        if not sides:
            continue
        listing = Table("kind", "name", "where", "id")
        for side in sides:
            r = side.summary()
            listing.add_row(
                *(Text(str(r.get(k) or "")) for k in ("kind", "name")),
                Text(_where(r)),
                Text(str(r["id"])),
            )
        console.print(Text(title, "bold"))
        console.print(listing)
    console.print(
        Text(
            f"{summary['matched']} matched, {summary['drifted']} drifted, "
            f"{summary['unmanaged']} unmanaged, {summary['not_deployed']} not deployed"
            + (f", {summary['unresolved']} unresolved" if summary["unresolved"] else "")
        )
    )
