"""JSON, as DESIGN.md's output contract.

Written as the results come, never as one document in memory: a million results are about
2 GB of indented JSON, which as one dict, one bytes and one str would be held three times.
The text is the one `orjson.dumps(report.as_dict(), option=OPT_INDENT_2)` gives: the head
(everything but the results, which come last) is written with its closing brace left off,
then each result indented as an item of the `results` list.
"""

from __future__ import annotations

from typing import TextIO

from scanner.report import Report, result_dicts
from scanner.writers.json_text import indented_json

# Results encoded before each write: large writes, and a bounded buffer.
_BATCH = 2048
# A result is an item of `results` (itself a key of the report): two levels in.
_ITEM = b"\n    "


def write_json(report: Report, out: TextIO) -> None:
    head = indented_json(report.head_dict())
    if not head.endswith(b"\n}"):  # never: the head always has keys
        raise ValueError("the report's head is not an indented JSON object")
    if not report.results:
        out.write((head[:-2] + b',\n  "results": []\n}\n').decode("utf-8"))
        return
    out.write((head[:-2] + b',\n  "results": [').decode("utf-8"))
    batch: list[bytes] = []
    for number, result in enumerate(result_dicts(report.results)):
        # Strings hold no raw newline (JSON escapes it): each line moves in by four spaces.
        item = indented_json(result).replace(b"\n", _ITEM)
        batch.append((_ITEM if number == 0 else b"," + _ITEM) + item)
        if len(batch) == _BATCH:
            out.write(b"".join(batch).decode("utf-8"))
            batch.clear()
    batch.append(b"\n  ]\n}\n")
    out.write(b"".join(batch).decode("utf-8"))
