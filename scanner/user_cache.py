"""The user's cache directory, where every cache of mlposture keeps its entries (the
Terraform evaluations, whole scans, the validated rules of `rules list`).

A module of its own, importing nothing of the scanner: `rules list` finds its cache without
importing a source.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """The user's cache directory (XDG on Linux, ~/Library/Caches on macOS)."""
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "mlposture"
    home = Path.home()
    mac = home / "Library" / "Caches"
    return (mac if mac.is_dir() else home / ".cache") / "mlposture"
