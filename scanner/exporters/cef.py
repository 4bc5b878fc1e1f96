"""CEF (ArcSight Common Event Format) lines for findings, with the escaping CEF requires.

Header fields escape `\\` and `|`; extension values escape `\\`, `=` and line breaks
(as `\\n` / `\\r`). Extension keys are fixed names, so they never need escaping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# CEF severity is 0..10.
CEF_SEVERITY = {"critical": 10, "high": 8, "medium": 5, "low": 3, "info": 1}
# RFC 5424 severity: 2 critical, 3 error, 4 warning, 5 notice, 6 informational.
SYSLOG_SEVERITY = {"critical": 2, "high": 3, "medium": 4, "low": 5, "info": 6}
MAX_MSG = 1023  # the longest msg= many CEF consumers keep


def escape_header(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def escape_extension(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("=", "\\=")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


def cef_line(result: Mapping[str, Any], tool: Mapping[str, Any]) -> str:
    """`CEF:0|vendor|product|version|signature|name|severity|extension` for one result."""
    resource = result.get("resource") or {}
    severity = str(result.get("severity", "info"))
    header = [
        "CEF:0",
        "mlposture",
        escape_header(tool.get("name", "mlposture")),
        escape_header(tool.get("version", "")),
        escape_header(result.get("rule_id", "")),
        escape_header(result.get("title", "")),
        str(CEF_SEVERITY.get(severity, 1)),
    ]
    fields: list[tuple[str, object]] = [
        ("externalId", result.get("fingerprint")),
        ("outcome", result.get("status")),
        ("cat", result.get("category")),
    ]
    labelled = [
        ("cs1", "resourceId", resource.get("id")),
        ("cs2", "resourceType", resource.get("type")),
        ("cs3", "provider", resource.get("provider")),
        ("cs4", "account", resource.get("account")),
        ("cs5", "region", resource.get("region")),
        ("cs6", "severity", severity),
        ("cn1", "line", resource.get("line")),
    ]
    for key, label, value in labelled:
        fields += [(f"{key}Label", label), (key, value)] if value not in (None, "") else []
    fields += [
        ("fname", resource.get("file")),
        ("msg", str(result.get("remediation") or "")[:MAX_MSG]),
    ]
    extension = " ".join(
        f"{key}={escape_extension(value)}" for key, value in fields if value not in (None, "")
    )
    return "|".join(header) + "|" + extension


def parse_extension(extension: str) -> dict[str, str]:
    """Read an extension back (the inverse of the escaping above); used by tests and tools."""
    fields: dict[str, str] = {}
    key: str | None = None
    value_start = 0
    for match in _ESCAPE_OR_EQUALS.finditer(extension):
        if match.group() != "=":
            continue
        # An unescaped "=" ends a key: the last word before it; the previous value ends there.
        space = extension.rfind(" ", value_start, match.start())
        if key is not None:
            fields[key] = _unescape(extension[value_start : max(space, value_start)])
        key = extension[space + 1 : match.start()]
        value_start = match.end()
    if key is not None:
        fields[key] = _unescape(extension[value_start:])
    return fields


_ESCAPE_OR_EQUALS = re.compile(r"\\.|=", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "r": "\r"}


def _unescape(raw: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), raw)
