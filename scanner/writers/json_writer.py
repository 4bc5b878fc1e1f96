"""JSON, as DESIGN.md's output contract."""

from __future__ import annotations

from typing import TextIO

from scanner.report import Report
from scanner.writers.json_text import write_indented_json


def write_json(report: Report, out: TextIO) -> None:
    write_indented_json(report.as_dict(), out)
    out.write("\n")
