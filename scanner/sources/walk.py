"""The one walk over scanned folders that every source shares (and so skips the same folders)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scanner.errors import InputError, NotScanned
from scanner.model.resource import NativeResource

# Tool caches and dependencies, not the user's infrastructure code.
SKIPPED_DIRS = frozenset({".terraform", ".git", "node_modules", ".venv", "__pycache__"})


def walk(path: Path) -> Iterator[tuple[Path, list[str]]]:
    """(folder, sorted file names) under `path`, hidden and tool folders left out."""
    for current, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        yield Path(current), sorted(files)


@dataclass(slots=True)
class SourceLoad:
    """What a source read: native resources, errors, skipped parts and counts."""

    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    files: int = 0
    resources_read: int = 0  # of every type, judged or not
