"""JSON, as DESIGN.md's output contract.

Written as the results come, never as one document in memory: a million results are about
2 GB of indented JSON, which as one dict, one bytes and one str would be held three times.
The text is the one `orjson.dumps(report.as_dict(), option=OPT_INDENT_2)` gives: the head
(everything but the results, which come last) is written with its closing brace left off,
then each result indented as an item of the `results` list.

What a rule says (title, standards, remediation: most of a result's text) is encoded once
per rule and source: the results' dicts hold it as JSON text already (orjson's `Fragment`),
indented as it sits in the report.
"""

from __future__ import annotations

from typing import TextIO

import orjson

from scanner.collector import collection_paused
from scanner.engine.rules import Rule
from scanner.report import Report, Result, SharedParts, rule_template
from scanner.writers.json_text import indented_json

# Results encoded before each write: large writes, and a bounded buffer.
_BATCH = 2048
# A result is an item of `results` (itself a key of the report): two levels in.
_ITEM = b"\n    "
# What orjson writes around the items of `{"r": [...]}`.
_OPEN, _CLOSE = b'{\n  "r": [', b"\n  ]\n}"
# The keys of a result's dict that are not the rule's, in their place (rule_template).
_RESULT_KEYS = ("status", "resource", "fingerprint")


def write_json(report: Report, out: TextIO) -> None:
    head = indented_json(report.head_dict())
    if not head.endswith(b"\n}"):  # never: the head always has keys
        raise ValueError("the report's head is not an indented JSON object")
    results = report.results
    if not results:
        out.write((head[:-2] + b',\n  "results": []\n}\n').decode("utf-8"))
        return
    out.write((head[:-2] + b',\n  "results": [').decode("utf-8"))
    # A million results' dicts, none in a cycle: no collection pass over them (each walks
    # every live object of the scan).
    with collection_paused():
        _write_results(results, out)
    out.write("\n  ]\n}\n")


def _write_results(results: list[Result], out: TextIO) -> None:
    # What is shared by the results' dicts is let go before collection resumes: no pass over
    # it then.
    shared = SharedParts(_encoded_template)
    lead = b""  # the comma before each batch but the first
    for start in range(0, len(results), _BATCH):
        out.write((lead + _items(results[start : start + _BATCH], shared)).decode("utf-8"))
        lead = b","


def _items(batch: list[Result], shared: SharedParts) -> bytes:
    """The results as items of `results`, comma separated: `\n    {...},\n    {...}`.

    One orjson call for the batch (as the value of a key, its items sit two levels in, as
    in the report); a batch orjson refuses (a lone surrogate) is written a result at a time
    from its plain dict, so that only the refused result falls back to the standard
    encoder."""
    try:
        dicts = [shared.result_dict(r) for r in batch]
        whole = orjson.dumps({"r": dicts}, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, TypeError):
        # Strings hold no raw newline (JSON escapes it): each line moves in by four spaces.
        return b",".join(_ITEM + indented_json(r.as_dict()).replace(b"\n", _ITEM) for r in batch)
    return whole[len(_OPEN) : -len(_CLOSE)]


def _encoded_template(rule: Rule, source: str) -> dict[str, object]:
    """The rule's part of a result's dict as JSON text, as written two levels in: the keys
    before `status` are the text of the first one's value (the others follow it in that
    text), the keys after `fingerprint` that of the first of them. The text orjson gives
    the plain template, written once per rule instead of once per result."""
    plain = rule_template(rule, source)
    keys = list(plain)
    first = keys.index(_RESULT_KEYS[0])
    last = first + len(_RESULT_KEYS)
    if first == 0 or last == len(keys) or tuple(keys[first:last]) != _RESULT_KEYS:
        return plain
    try:
        before = _fragment({key: plain[key] for key in keys[:first]})
        after = _fragment({key: plain[key] for key in keys[last:]})
    except (orjson.JSONEncodeError, TypeError):
        return plain  # orjson refuses the rule's text: the standard encoder writes it (_items)
    return {keys[0]: before, **dict.fromkeys(_RESULT_KEYS), keys[last]: after}


def _fragment(keys: dict[str, object]) -> orjson.Fragment:
    """`{"a": 1, "b": 2}` as the text from after `"a": ` to the end of `2`, each line moved
    in to where a result's keys sit (six spaces; orjson alone indents by two)."""
    text = orjson.dumps(keys, option=orjson.OPT_INDENT_2)
    lead = b"{\n  " + orjson.dumps(next(iter(keys))) + b": "
    return orjson.Fragment(text[len(lead) : -len(b"\n}")].replace(b"\n", _ITEM))
