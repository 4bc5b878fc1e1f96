"""Read inline suppressions as written: comments (HCL) and metadata objects (CFN, ARM).

Every source turns what it finds into `Suppression` values on the resource; nothing is
judged here (a missing reason, an unknown rule, an expiry passed) so that the judgement is
the same for every source (scanner/suppressions.py).

Comment form, `#`, `//` or `/*`:
    # mlposture:ignore MLP-AWS-SM-002 reason="notebook behind a proxy" expires=2026-12-31
Several rules may share one comment, separated by commas.

Metadata form (CloudFormation `Metadata`, ARM `metadata`):
    {"mlposture": {"ignore": [{"id": "MLP-...", "reason": "...", "expires": "2026-12-31"}]}}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from scanner.model.resource import NativeResource
from scanner.model.suppression import Suppression

MARKER = "mlposture:ignore"
_DIRECTIVE = re.compile(r"(?:#|//|/\*)\s*mlposture:ignore\b(?P<rest>.*)")
_RULES = re.compile(r"\s*(?P<ids>[A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*)")
_REASON = re.compile(r"""\breason\s*=\s*(?:"(?P<double>(?:[^"\\]|\\.)*)"|'(?P<single>[^']*)')""")
_EXPIRES = re.compile(r"\bexpires\s*=\s*(?P<value>[^\s*]+)")
_ESCAPE = re.compile(r"\\(.)")


def parse_expiry(value: object) -> tuple[date | None, str | None]:
    """(date, None) or (None, what is wrong); YAML may already have made it a date."""
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip().strip("\"'")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text), None
        except ValueError:
            pass
    return None, f"suppression expiry {text!r} is not a date (YYYY-MM-DD)"


def _reason(text: str) -> str | None:
    match = _REASON.search(text)
    if match is None:
        return None
    raw = match.group("double") if match.group("double") is not None else match.group("single")
    reason = _ESCAPE.sub(r"\1", raw or "").strip()
    return reason or None


def directive(text: str, file: str, line: int) -> list[Suppression]:
    """The suppressions of one line of code, if it carries an `mlposture:ignore` comment."""
    match = _DIRECTIVE.search(text)
    if match is None:
        return []
    rest = match.group("rest").split("*/", 1)[0]
    rules = _RULES.match(rest)
    # `reason=...` right after the marker is not a rule id.
    if rules is None or rest[rules.end() :].lstrip().startswith("="):
        return [Suppression("", None, None, file, line, f"{MARKER} needs a rule id")]
    expires, problem = (None, None)
    found = _EXPIRES.search(rest)
    if found is not None:
        expires, problem = parse_expiry(found.group("value"))
    reason = _reason(rest)
    ids = [part.strip() for part in rules.group("ids").split(",")]
    return [Suppression(rule_id, reason, expires, file, line, problem) for rule_id in ids]


def comment_suppressions(
    lines: list[str], first: int, last: int, file: str
) -> tuple[Suppression, ...]:
    """Suppressions in lines `first`..`last` (1-based, inclusive) of a file."""
    found: list[Suppression] = []
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        text = lines[number - 1]
        if MARKER in text:
            found.extend(directive(text, file, number))
    return tuple(found)


def comments_above(lines: list[str], header: int) -> int:
    """The first line of the comment block that sits directly above line `header`."""
    first = header
    while first > 1 and lines[first - 2].lstrip().startswith(("#", "//", "/*", "*")):
        first -= 1
    return first


def metadata_suppressions(
    metadata: object,
    file: str,
    line: int | None,
    line_of: Callable[[object], int | None] = lambda _node: None,
) -> tuple[Suppression, ...]:
    """Suppressions under `mlposture.ignore` of a resource's metadata object.

    `line` is the resource's line, used where the entry has none of its own (`line_of`
    gives the line of a decoded node when the source keeps them).
    """
    if not isinstance(metadata, dict):
        return ()
    own = metadata.get("mlposture")
    if own is None:
        return ()
    where = line_of(own) or line
    entries = own.get("ignore") if isinstance(own, dict) else None
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        message = 'mlposture metadata needs "ignore": a list of {id, reason, expires}'
        return (Suppression("", None, None, file, where, message),)
    found: list[Suppression] = []
    for entry in entries:
        at = line_of(entry) or where
        if not isinstance(entry, dict):
            found.append(Suppression("", None, None, file, at, "suppression entry is not a map"))
            continue
        rule_id = entry.get("id")
        reason = entry.get("reason")
        expires, problem = parse_expiry(entry.get("expires"))
        if not isinstance(rule_id, str) or not rule_id.strip():
            problem = 'suppression entry needs an "id" (the rule id)'
        found.append(
            Suppression(
                str(rule_id).strip() if isinstance(rule_id, str) else "",
                (reason.strip() or None) if isinstance(reason, str) else None,
                expires,
                file,
                at,
                problem,
            )
        )
    return tuple(found)


def attach_metadata(resources: list[NativeResource], key: str) -> list[NativeResource]:
    """Resources whose `key` attribute (ARM's `metadata`) holds suppressions, with them set.

    The source has evaluated the object already, so an entry has the resource's line.
    """
    attached: list[NativeResource] = []
    for resource in resources:
        found = metadata_suppressions(
            resource.attributes.get(key), resource.location.file or "", resource.location.line
        )
        attached.append(replace(resource, suppressions=found) if found else resource)
    return attached
