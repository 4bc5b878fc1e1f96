"""JSON, as DESIGN.md's output contract.

Written as the results come, never as one document in memory: a million results are about
2 GB of indented JSON, which as one dict, one bytes and one str would be held three times.
The text is the one `orjson.dumps(report.as_dict(), option=OPT_INDENT_2)` gives: the head
(everything but the results, which come last) is written with its closing brace left off,
then each result indented as an item of the `results` list.
"""

from __future__ import annotations

from typing import TextIO

import orjson

from scanner.mappings.columnar import collection_paused
from scanner.report import Report, result_dicts
from scanner.writers.json_text import indented_json

# Results encoded before each write: large writes, and a bounded buffer.
_BATCH = 2048
# A result is an item of `results` (itself a key of the report): two levels in.
_ITEM = b"\n    "
# What orjson writes around the items of `{"r": [...]}`.
_OPEN, _CLOSE = b'{\n  "r": [', b"\n  ]\n}"


def write_json(report: Report, out: TextIO) -> None:
    head = indented_json(report.head_dict())
    if not head.endswith(b"\n}"):  # never: the head always has keys
        raise ValueError("the report's head is not an indented JSON object")
    if not report.results:
        out.write((head[:-2] + b',\n  "results": []\n}\n').decode("utf-8"))
        return
    out.write((head[:-2] + b',\n  "results": [').decode("utf-8"))
    # A million results' dicts, none in a cycle: no collection pass over them (each walks
    # every live object of the scan).
    with collection_paused():
        batch: list[dict[str, object]] = []
        lead = b""  # the comma before each batch but the first
        for result in result_dicts(report.results):
            batch.append(result)
            if len(batch) == _BATCH:
                out.write((lead + _items(batch)).decode("utf-8"))
                batch.clear()
                lead = b","
        out.write((lead + _items(batch) if batch else b"").decode("utf-8") + "\n  ]\n}\n")


def _items(batch: list[dict[str, object]]) -> bytes:
    """The results as items of `results`, comma separated: `\n    {...},\n    {...}`.

    One orjson call for the batch (as the value of a key, its items sit two levels in, as
    in the report); a batch orjson refuses (a lone surrogate) is written a result at a time,
    so that only the refused result falls back to the standard encoder."""
    try:
        whole = orjson.dumps({"r": batch}, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):
        # Strings hold no raw newline (JSON escapes it): each line moves in by four spaces.
        return b",".join(_ITEM + indented_json(item).replace(b"\n", _ITEM) for item in batch)
    return whole[len(_OPEN) : -len(_CLOSE)]
