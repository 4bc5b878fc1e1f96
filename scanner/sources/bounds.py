"""Bounds every source holds a scanned file to, and the one JSON reader that keeps them.

A scanned file may come from a pull request's author: how deep it nests, how many digits an
integer has and how large an evaluated value grows are bounded before the work is done, so a
file of a few kilobytes cannot take the stack, the memory or the time of the scan.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from itertools import accumulate

# Real templates, plans and modules stay under 20 levels; the parsers behind them (cfn-lint's
# constructor, python-hcl2's transformer) recurse a few frames a level.
MAX_DEPTH = 100
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; not read"
# No template or plan builds a string near this; ARM's own limit on a template is 4 MB.
MAX_STRING = 1_000_000
# Python refuses to read an integer past this many digits (CVE-2020-10735's limit).
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300

# Unrolled (no alternation inside the loop): twice as fast on a large plan.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
# Terraform's native syntax: a quoted string (one line) or a comment to the end of its line.
HCL_STRINGS = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|#[^\n]*|//[^\n]*')
_NOT_BRACKET = re.compile(r"[^\[\]{}()]+")
_BRACKET = re.compile(r"[\[\]{}()]")
_STEP = {"[": 1, "{": 1, "(": 1, "]": -1, "}": -1, ")": -1}
_LONG_INTEGER = re.compile(rf"\d{{{MAX_INT_DIGITS + 1},}}")
# A \u escape of a UTF-16 surrogate (JSON, YAML): the only way one gets into text read as
# UTF-8. A high one followed by a low one is a pair (one character), kept; any other is lone.
_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_REPLACEMENT_ESCAPE = "\\ufffd"


TOO_MANY_DIGITS = f"a number has more than {MAX_INT_DIGITS} digits; not read"


def long_integer_line(text: str) -> int | None:
    """The line of the first run of digits past Python's limit (what int() refused)."""
    match = _LONG_INTEGER.search(text)
    return _line_at(text, match.start()) if match else None


class InputTooLarge(ValueError):
    """A file or value past a bound; `line` where it is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def check_depth(text: str, strings: re.Pattern[str] = _JSON_STRING) -> None:
    """InputTooLarge when brackets (outside `strings`) nest deeper than MAX_DEPTH.

    Linear, at the regular expression engine's speed: strings are blanked (they hold no line
    break, so lines stay where they were), then the brackets alone are counted. (A closing
    bracket too many lowers the count, but is a syntax error its parser stops at first.)
    """
    blanked = strings.sub('""', text)
    brackets = _NOT_BRACKET.sub("", blanked)
    if len(brackets) <= MAX_DEPTH:
        return
    deepest = max(accumulate(map(_STEP.__getitem__, brackets)))
    if deepest <= MAX_DEPTH:
        return
    depth = 0
    for match in _BRACKET.finditer(blanked):  # the rare path: find where it went too deep
        depth += _STEP[match.group()]
        if depth > MAX_DEPTH:
            raise InputTooLarge(TOO_DEEP, _line_at(blanked, match.start()))
    raise InputTooLarge(TOO_DEEP)  # pragma: no cover - the count above found it


def check_value_depth(value: object, limit: int = MAX_DEPTH) -> None:
    """InputTooLarge when a parsed value's dicts and lists nest deeper than `limit`: for a
    parser whose output can nest deeper than the brackets of its text (an iterative walk)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Iterable[object] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth >= limit:
            raise InputTooLarge(TOO_DEEP)
        stack.extend((child, depth + 1) for child in children)


def without_surrogate_escapes(text: str) -> str:
    """`text` with each escape of a lone surrogate (`"\\ud800"`) written as U+FFFD's escape.

    No encoder (UTF-8 output, a fingerprint, an Arrow table) accepts a lone surrogate, so it is
    replaced in the text itself, before any decoder (the ones that keep lines too) reads it."""
    if "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None:
        return text
    return _SURROGATE_ESCAPE.sub(
        lambda m: m.group() if len(m.group()) == 12 else _REPLACEMENT_ESCAPE, text
    )


def load_json(text: str) -> object:
    """`json.loads` within the bounds: depth checked before parsing, integers past Python's
    digit limit refused with their line, lone surrogates (`"\\ud800"`) replaced.

    Raises json.JSONDecodeError for invalid JSON and InputTooLarge past a bound (both are
    ValueError).
    """
    text = without_surrogate_escapes(text)
    check_depth(text)
    try:
        content = json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # int() past the digit limit
        line = long_integer_line(_JSON_STRING.sub('""', text))  # lines stay where they were
        raise InputTooLarge(TOO_MANY_DIGITS, line) from exc
    except RecursionError as exc:  # a backstop: the depth check above makes it unreachable
        raise InputTooLarge(TOO_DEEP) from exc
    return content
