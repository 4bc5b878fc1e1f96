"""Text from scanned files, as a reader's tools may show it.

Names, addresses, values and messages come from files a pull request's author writes (or a
cloud account anyone with write access shaped): escape sequences, bells, bidirectional
overrides and line separators in them are written as visible escapes, never passed on."""

from __future__ import annotations

import re

_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_OR_LINE_BREAK = re.compile(f"[{_CONTROLS}\\t\\n]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """Control characters (escape sequences, carriage returns, bidirectional overrides)
    written as \\xNN / \\uNNNN; `one_line`: tabs and line breaks too."""
    return (_CONTROL_OR_LINE_BREAK if one_line else _CONTROL).sub(_escaped, text)
