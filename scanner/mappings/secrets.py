"""Secrets written into ML resources: lifecycle scripts, container environments, metadata.

A kind field mapped with `secrets: true` holds what detect-secrets finds in the values at its
paths, one entry per secret: its type, where it is, and a redacted form. The secret itself
never leaves this module: evidence, every writer and every exporter only ever see the entry.

detect-secrets' regular-expression plugins (cloud keys, private keys, tokens, and the keyword
detector for `PASSWORD="..."`) are used; its entropy plugins are not, since install scripts
are full of long random-looking words (hashes, URLs) and a posture finding must be right.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar

from scanner.model.values import UNKNOWN, Unknown

# Bounds: a lifecycle script is at most 16 KB (SageMaker's limit); a hostile file may hold far
# more, and a scan must not spend its time in regular expressions.
_MAX_TEXT = 256 * 1024
_MAX_LINE = 4096
# The generic keyword match loses to a specific detector that found the same value.
_GENERIC = "Secret Keyword"
_MAX_REMEMBERED = 100_000  # distinct lines remembered per run
_UNSTRUCTURED = frozenset({_GENERIC, "Basic Auth Credentials", "Private Key"})
# Values that name where a secret is kept instead of holding it: the remediation itself (a
# Secrets Manager or SSM ARN, a CloudFormation dynamic reference, a Secret Manager version
# name, a Key Vault secret URI, an environment or template reference).
_REFERENCE = re.compile(
    r"^(?:arn:aws[\w-]*:(?:secretsmanager|ssm|kms):|\{\{resolve:|projects/[^/]+/secrets/"
    r"|https://[\w.-]+\.vault\.azure\.net/|@Microsoft\.KeyVault\(|\$\{|\$\()"
)
_NAME_VALUE = frozenset({"name", "value"})


def _plugins() -> list[dict[str, str]]:
    """detect-secrets' plugins by name, its entropy detectors left out (read once per run)."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    classes: list[type] = list(get_mapping_from_secret_type_to_class().values())
    return [{"name": name} for name in sorted(c.__name__ for c in classes) if "Entropy" not in name]


def redact(secret: str, kind: str) -> str:
    """What a reader may see of a secret: its size, and the first characters of a token whose
    prefix only says what it is (`AKIA`, `ghp_`); nothing of a password or a private key."""
    shown = secret[:4] if len(secret) >= 16 and kind not in _UNSTRUCTURED else ""
    return f"{shown}… ({len(secret)} chars)"


def _decoded(text: str) -> str | None:
    """The text inside base64 content (SageMaker lifecycle scripts are sent base64)."""
    compact = "".join(text.split())
    if len(compact) < 8 or len(compact) % 4:
        return None
    try:
        raw = base64.b64decode(compact, validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _texts(value: object, where: str) -> Iterator[tuple[str, str | None]]:
    """(location, line of text) for every string in `value`; a mapping's entries as KEY="value".

    An unknown value (known only after apply) gives the line None.
    """
    if isinstance(value, Unknown):
        yield where, None
    elif isinstance(value, dict) and value.keys() >= _NAME_VALUE:
        # An environment given as a list of {name, value} entries (Vertex AI, Kubernetes).
        yield from _texts({str(value["name"]): value["value"]}, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            place = f"{where}.{key}" if where else str(key)
            if isinstance(item, str) and "\n" in item:
                yield from _texts(item, place)  # a script kept in metadata (startup-script)
            elif isinstance(item, str | int | float) and not isinstance(item, bool):
                yield place, f"{key}={json.dumps(str(item))}"
            else:
                yield from _texts(item, place)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, str):
        text = value[:_MAX_TEXT]
        inner = _decoded(text)
        for body, label in ((text, ""), (inner, " (base64)")):
            if body is None:
                continue
            for number, line in enumerate(body.splitlines(), start=1):
                yield f"{where}{label} line {number}", line[:_MAX_LINE]


class _Scanner:
    """detect-secrets configured once for a run, and what each distinct line holds: estates
    repeat the same environment lines across many resources."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._configured = False
        self._seen: dict[str, tuple[tuple[str, str], ...]] = {}

    def findings(self, line: str) -> tuple[tuple[str, str], ...]:
        """(type, secret) of each secret in one line, references to secret stores left out."""
        known = self._seen.get(line)
        if known is not None:
            return known
        from detect_secrets.core.scan import scan_line

        if not self._configured:
            from detect_secrets.settings import transient_settings

            # Half a millisecond to enter: once per run, not once per resource.
            self._stack.enter_context(transient_settings({"plugins_used": _plugins()}))
            self._configured = True
        found = tuple(
            (p.type, p.secret_value or "")
            for p in scan_line(line)
            if not _REFERENCE.match(p.secret_value or "")
        )
        if len(self._seen) < _MAX_REMEMBERED:
            self._seen[line] = found
        return found

    def close(self) -> None:
        self._stack.close()


_current: ContextVar[_Scanner | None] = ContextVar("secret_scanner", default=None)


@contextmanager
def secret_scanning() -> Iterator[_Scanner]:
    """The run's secret scanner: a normalization of many resources enters this once, and each
    resource's `find_secrets` uses it (a lone call gets a scanner of its own)."""
    current = _current.get()
    if current is not None:
        yield current
        return
    scanner = _Scanner()
    token = _current.set(scanner)
    try:
        yield scanner
    finally:
        _current.reset(token)
        scanner.close()


def find_secrets(places: list[tuple[str, list[object]]]) -> list[str] | Unknown | None:
    """Redacted descriptions of the secrets in the values at each place, sorted; None when
    there are none, UNKNOWN when an unknown value may hide one and the known values hold none.
    """
    lines: list[tuple[str, str]] = []
    unknown: Unknown | None = None
    for where, values in places:
        for place, line in (text for value in values for text in _texts(value, where)):
            if line is None:
                unknown = UNKNOWN
            elif line.strip():
                lines.append((place, line))
    if not lines:
        return unknown
    found: dict[tuple[str, str], str] = {}
    with secret_scanning() as scanner:
        for place, line in lines:
            for kind, secret in scanner.findings(line):
                key = (place, secret)
                if key not in found or found[key] == _GENERIC:
                    found[key] = kind
    if not found:
        return unknown
    return sorted(
        f"{kind} at {place}: {redact(secret, kind)}" for (place, secret), kind in found.items()
    )
