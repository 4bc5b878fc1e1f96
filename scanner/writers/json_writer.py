"""JSON, as DESIGN.md's output contract."""

from __future__ import annotations

import json
from typing import TextIO

from scanner.report import Report


def write_json(report: Report, out: TextIO) -> None:
    json.dump(report.as_dict(), out, indent=2)
    out.write("\n")
