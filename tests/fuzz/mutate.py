"""Seeded mutations of a scanned file: hostile tokens spliced into its text, and for JSON,
hostile values put in place of a value anywhere in the document."""

from __future__ import annotations

import json
import random
from typing import Any

# What the hostile-input issue found, and what parsers and evaluators trip on.
TOKENS = [
    "[" * 10_000,
    "{a = " * 3000,
    '{"a":' * 3000,
    "9" * 5000,
    "-1",
    "0",
    "1e400",
    "-9223372036854775809",
    "null",
    "[]",
    "{}",
    '""',
    "\\ud800",
    '"\\udfff"',
    "${" * 3000,
    "$${",
    "[/bold]",
    "\x1b]0;title\x07",
    "\x00",
    "\u202e",
    "'",
    '"',
    "}",
    "]",
    ")",
    ":",
    ",",
    "\n",
    "\t",
    "&a [*a, *a]",
    "*a",
    "!Ref Missing",
    "!Sub '${'",
    "[padLeft('a', 1000000000, 'x')]",
    "[mul(9223372036854775807, 9223372036854775807)]",
    "[union(range(0, 10000), range(0, 10000))]",
    "[replace('aaaa', 'a', 'aaaaaaaaaaaaaaaa')]",
    "[json('" + "[" * 2000 + "')]",
    '${jsondecode("' + "[" * 2000 + '")}',
    "count = -1",
    'source = "."',
]
_BIG_INTEGER = "__FUZZ_BIG_INTEGER__"
_DEEP = "__FUZZ_DEEP__"
VALUES: list[object] = [
    None,
    True,
    -1,
    0,
    "",
    [],
    {},
    "x",
    "\ud800",
    [1, 2],
    {"a": None},
    _BIG_INTEGER,
    _DEEP,
    "[padLeft('a', 1000000000, 'x')]",
    "${" * 500,
    "[/bold]",
]


def _splice(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    choice = rng.randrange(6)
    if choice == 0:  # insert a hostile token
        return text[:at] + rng.choice(TOKENS) + text[at:]
    end = min(len(text), at + rng.randrange(1, 64))
    if choice == 1:  # replace a span with one
        return text[:at] + rng.choice(TOKENS) + text[end:]
    if choice == 2:  # delete a span
        return text[:at] + text[end:]
    if choice == 3:  # repeat a span
        return text[:end] + text[at:end] * rng.randrange(2, 50) + text[end:]
    if choice == 4 and text:  # one character changed
        return text[:at] + chr(rng.randrange(0x20, 0x7F)) + text[at + 1 :]
    return text[:at]  # truncated


def _nodes(value: Any, out: list[tuple[Any, Any]]) -> None:
    """(container, key) of every value in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            out.append((value, key))
            _nodes(item, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.append((value, index))
            _nodes(item, out)


def _replace_value(rng: random.Random, text: str) -> str:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # an earlier mutation broke it: splice instead
        return _splice(rng, text)
    nodes: list[tuple[Any, Any]] = []
    _nodes(document, nodes)
    if not nodes:
        return _splice(rng, text)
    container, key = rng.choice(nodes)
    container[key] = rng.choice(VALUES)
    written = json.dumps(document, indent=1)
    written = written.replace(json.dumps(_BIG_INTEGER), "9" * 5000)
    return written.replace(json.dumps(_DEEP), "[" * 5000 + "]" * 5000)


def mutate(rng: random.Random, name: str, text: str) -> str:
    """One to three mutations of `text` (a file named `name`)."""
    for _ in range(rng.randrange(1, 4)):
        if name.endswith(".json") and rng.random() < 0.5:
            text = _replace_value(rng, text)
        else:
            text = _splice(rng, text)
    return text
