"""The user's cache directory, where every cache of mlposture keeps its entries (the
Terraform evaluations, whole scans, the validated rules of `rules list`).

A module of its own, importing nothing of the scanner but its version: `rules list` and a
re-scan find their caches, and key them on the code, without importing a source.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from typing import Any, Final

from scanner import __version__

_UNREAD_DIRS: Final = frozenset({".git", "__pycache__"})


def default_cache_dir() -> Path:
    """The user's cache directory (XDG on Linux, ~/Library/Caches on macOS)."""
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "mlposture"
    home = Path.home()
    mac = home / "Library" / "Caches"
    return (mac if mac.is_dir() else home / ".cache") / "mlposture"


def tree_stats(folder: Path, digest: Any) -> None:
    """Every file under `folder` by path, size and time into `digest` (no content read)."""
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _UNREAD_DIRS)
        for name in sorted(files):
            path = os.path.join(current, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())


def code_stats(digest: Any) -> None:
    """What every cache's answers depend on besides their inputs: this package's files (the
    code, the kind tables, a wheel's rules) by size and time, mlposture's and Python's
    versions, and every installed distribution's name and version (pydantic, Polars)."""
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    tree_stats(Path(__file__).resolve().parent, digest)
    paths = sysconfig.get_paths()
    for scheme in sorted({paths["purelib"], paths["platlib"]}):
        try:
            installed = sorted(n for n in os.listdir(scheme) if n.endswith(".dist-info"))
        except OSError:
            installed = []
        digest.update("\0".join(installed).encode())
