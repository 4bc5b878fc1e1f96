"""Indented JSON text for the JSON, SARIF, ASFF and drift documents.

`json.dump(..., indent=2)` runs the pure-Python encoder (only the compact one-shot encoder is
C), which took 0.3-0.6 s of a 20,000-resource scan; orjson writes the same document in a few
milliseconds. Text orjson refuses (a lone surrogate that reached a name) falls back to the
standard encoder, which escapes it, so the document is always written.
"""

from __future__ import annotations

import json
from typing import TextIO

import orjson


def write_indented_json(document: object, out: TextIO) -> None:
    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        text = json.dumps(document, indent=2)
    out.write(text)
