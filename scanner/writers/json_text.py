"""Indented JSON text for the JSON, SARIF, ASFF and drift documents.

`json.dump(..., indent=2)` runs the pure-Python encoder (only the compact one-shot encoder is
C), which took 0.3-0.6 s of a 20,000-resource scan; orjson writes the same document in a few
milliseconds. Text orjson refuses (a lone surrogate that reached a name) falls back to the
standard encoder, which escapes it, so the document is always written (the JSON writer,
which streams, falls back per result: only that result's text is written escaped).
"""

from __future__ import annotations

import json
from typing import TextIO

import orjson


def write_indented_json(document: object, out: TextIO) -> None:
    out.write(indented_json(document).decode("utf-8"))


def indented_json(document: object) -> bytes:
    """The document as indented JSON, UTF-8 (ASCII only when orjson refused it)."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(document, indent=2).encode("utf-8")
