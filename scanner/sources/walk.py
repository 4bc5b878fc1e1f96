"""The one walk over scanned folders that every source shares (and so skips the same folders).

Only regular files are read. A FIFO, a socket or a device named like a template would block
or mislead the reader, so it is refused; a file symlink that leaves the scanned folder is
refused too unless the user asked to follow links (the report would otherwise show a file
from elsewhere under an in-folder name).
"""

from __future__ import annotations

import os
import stat
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


# Read in one piece, never more: a scanned file that grows while read cannot exhaust memory.
MAX_READ_BYTES = 256 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass(frozen=True, slots=True)
class Refused:
    """A directory entry that is not read: why, and whether it is a notice (a link left
    alone on purpose) rather than an error."""

    path: Path
    reason: str
    notice: bool = False


def is_skipped(relative: str, skip_paths: tuple[str, ...]) -> bool:
    """Whether a path (posix, relative to the scanned folder) matches a --skip-path glob;
    `*` crosses folders, so `*.plan.json` and `legacy/*` match at any depth below."""
    return any(
        fnmatchcase(relative, glob) or fnmatchcase(relative + "/", glob) for glob in skip_paths
    )


def describe_mode(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path` (resolved) lies in `root` (resolved)."""
    return path == root or root in path.parents


def refusal(file: Path, root: Path | None, follow_symlinks: bool) -> Refused | None:
    """Why `file` is not read (None: it is a regular file, or a link to one that may be
    followed). `root`: the scanned folder that file links must stay in."""
    try:
        own = file.lstat()
    except OSError as exc:
        return Refused(file, f"cannot read file: {exc.strerror}")
    if stat.S_ISREG(own.st_mode):
        return None
    if not stat.S_ISLNK(own.st_mode):
        return Refused(file, f"not read: {describe_mode(own.st_mode)}, not a regular file")
    try:
        target = file.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return Refused(file, "symbolic link to nothing (broken or looping)")
    if root is not None and not follow_symlinks and not is_inside(target, root.resolve()):
        return Refused(
            file,
            f"symbolic link to {target}, outside the scanned folder: not followed "
            "(--follow-symlinks reads it)",
            notice=True,
        )
    if not stat.S_ISREG(mode):
        return Refused(file, f"not read: links to {describe_mode(mode)}, not a regular file")
    return None


def read_regular(path: Path, limit: int = MAX_READ_BYTES, *, head: bool = False) -> bytes:
    """The bytes of a regular file; OSError for anything else, or for a file larger than
    `limit` (with `head`: its first `limit` bytes instead).

    Opened without blocking, then checked on the open descriptor: a FIFO swapped in after
    the walk neither hangs the scan nor is read.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(0, f"{describe_mode(status.st_mode)}, not a regular file", str(path))
        os.set_blocking(descriptor, True)
        wanted = limit if head else limit + 1
        # Sized by the file, not the limit: read(n) allocates n bytes up front.
        data = os.read(descriptor, min(status.st_size + 1, wanted))
        while len(data) < wanted:  # the file grew since fstat, or a short read
            more = os.read(descriptor, min(1024 * 1024, wanted - len(data)))
            if not more:
                break
            data += more
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise OSError(0, f"larger than {limit // (1024 * 1024)} MB", str(path))
    return data


def walk(
    path: Path,
    skip_paths: tuple[str, ...] = (),
    *,
    follow_symlinks: bool = False,
    refused: list[Refused] | None = None,
) -> Iterator[tuple[Path, list[str]]]:
    """(folder, sorted names of readable regular files) under `path`: hidden and tool
    folders and whatever a --skip-path glob matches are left out (a skipped folder is not
    entered). Entries that are not read (see `refusal`) go to `refused` when given."""
    root = path.resolve()

    def unreadable(exc: OSError) -> None:
        if refused is not None and exc.filename is not None:
            refused.append(Refused(Path(exc.filename), f"cannot read folder: {exc.strerror}"))

    for current, dirs, files in os.walk(path, onerror=unreadable):
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
        names: list[str] = []
        for name in sorted(f for f in files if not is_skipped(prefix + f, skip_paths)):
            why = refusal(folder / name, root, follow_symlinks)
            if why is None:
                names.append(name)
            elif refused is not None:
                refused.append(why)
        yield folder, names


@dataclass(slots=True)
class SourceLoad:
    """What a source read: native resources, errors, skipped parts and counts."""

    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    files: int = 0
    resources_read: int = 0  # of every type, judged or not
    # Said once, not an error: a local module read from outside the scanned folders.
    notes: list[str] = field(default_factory=list)
    # Every Terraform module evaluated to the end (none timed out or crashed its worker).
    complete: bool = True
