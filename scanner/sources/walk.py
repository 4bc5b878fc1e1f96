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
# A folder holding this file is a cache (the Cache Directory Tagging convention that tar,
# restic and cargo follow): mlposture's own cache, with its kept base trees, is never scanned
# even when --cache-dir puts it inside the scanned folder.
CACHE_TAG = "CACHEDIR.TAG"
_CACHE_TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by mlposture.\n"
)


def tag_cache_dir(folder: Path) -> None:
    """Create `folder` and mark it as a cache (see CACHE_TAG)."""
    folder.mkdir(parents=True, exist_ok=True)
    tag = folder / CACHE_TAG
    if not tag.is_file():
        tag.write_text(_CACHE_TAG_TEXT, "utf-8")


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
            and not (folder / d / CACHE_TAG).is_file()
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
