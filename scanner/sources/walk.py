"""The one walk over scanned folders that every source shares (and so skips the same folders)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from scanner.errors import InputError, NotScanned
from scanner.model.resource import NativeResource

# Tool caches and dependencies, not the user's infrastructure code.
SKIPPED_DIRS = frozenset({".terraform", ".git", "node_modules", ".venv", "__pycache__"})


def is_skipped(relative: str, skip_paths: tuple[str, ...]) -> bool:
    """Whether a path (posix, relative to the scanned folder) matches a --skip-path glob;
    `*` crosses folders, so `*.plan.json` and `legacy/*` match at any depth below."""
    return any(
        fnmatchcase(relative, glob) or fnmatchcase(relative + "/", glob) for glob in skip_paths
    )


def walk(path: Path, skip_paths: tuple[str, ...] = ()) -> Iterator[tuple[Path, list[str]]]:
    """(folder, sorted file names) under `path`: hidden and tool folders and whatever a
    --skip-path glob matches are left out (a skipped folder is not entered)."""
    for current, dirs, files in os.walk(path):
        folder = Path(current)
        base = folder.relative_to(path).as_posix()
        prefix = "" if base == "." else base + "/"
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not d.startswith(".")
            and not is_skipped(prefix + d, skip_paths)
        )
        yield folder, sorted(f for f in files if not is_skipped(prefix + f, skip_paths))


@dataclass(slots=True)
class SourceLoad:
    """What a source read: native resources, errors, skipped parts and counts."""

    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    files: int = 0
    resources_read: int = 0  # of every type, judged or not
