"""Structured documents (JSON now; YAML templates later) found by content, not extension.

A `.json` file can be a Terraform plan, a CloudFormation or ARM template, or something else
entirely (a package manifest, a fixture): it is read, recognised by its keys, and handed to
the source that understands it; anything else is skipped quietly.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import InputError

DOCUMENT_SUFFIXES = (".json",)
# A template or plan this large is not hand-written; refusing it bounds time and memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_SKIPPED_DIRS = frozenset({".terraform", ".git", "node_modules", ".venv", "__pycache__"})


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    shown: str
    text: str
    content: object
    format: str  # terraform-plan | ...


def find_documents(path: Path, shown: str) -> list[tuple[Path, str]]:
    """Candidate files under `path` (or `path` itself), with how each is shown."""
    if path.is_file():
        return [(path, shown)] if _is_candidate(path.name) else []
    found: list[tuple[Path, str]] = []
    for current, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if _is_candidate(name):
                full = Path(current, name)
                found.append((full, str(Path(shown) / full.relative_to(path))))
    return found


def _is_candidate(name: str) -> bool:
    return name.endswith(DOCUMENT_SUFFIXES) and not name.endswith(".tf.json")


def detect_format(content: object) -> str | None:
    """What a parsed document is, by its keys; None for anything the scanner does not read."""
    if not isinstance(content, dict):
        return None
    if "format_version" in content and (
        "planned_values" in content or "resource_changes" in content
    ):
        return "terraform-plan"
    return None


def read_document(path: Path, shown: str) -> tuple[Document | None, InputError | None]:
    """Read and recognise one file. (None, None) means: not something to scan, skip it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, InputError(shown, None, f"cannot read file: {exc.strerror}")
    if size > MAX_DOCUMENT_BYTES:
        # Peek before refusing: a huge file that is not a template is skipped quietly.
        with path.open("rb") as handle:
            head = handle.read(4096)
        if b'"format_version"' in head or b'"planned_values"' in head:
            limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
            return None, InputError(shown, None, f"file is larger than {limit} MB; not read")
        return None, None
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None  # not a UTF-8 document: not something this scanner reads
    try:
        content = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        if _looks_like_plan(text):
            line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
            return None, InputError(shown, line, f"invalid JSON: {exc}")
        return None, None
    fmt = detect_format(content)
    if fmt is None:
        return None, None
    return Document(path, shown, text, content, fmt), None


def _looks_like_plan(text: str) -> bool:
    head = text[:4096]
    return '"format_version"' in head and (
        '"planned_values"' in text or '"resource_changes"' in text
    )
