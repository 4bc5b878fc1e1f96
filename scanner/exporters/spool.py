"""The on-disk spool: findings a receiver did not take, kept until it takes them.

One folder per destination (named by a hash of target and address, never the token) holding
JSON Lines files, one per export that left something behind. Files are written to a temporary
name, flushed to disk and renamed into place, so a crash leaves either the whole file or none.
Delivery from the spool is at-least-once: the replacement file is in place before the old
ones are removed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SUFFIX = ".jsonl"


def default_spool_dir() -> Path:
    """The user's cache folder (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mlposture" / "spool"


@dataclass(frozen=True, slots=True)
class SpooledFinding:
    result: Mapping[str, Any]
    tool: Mapping[str, Any]


class Spool:
    """The spool of one destination."""

    def __init__(self, root: Path, destination_key: str, label: str | None = None) -> None:
        """`label`: what destination.txt says (the key with credentials redacted)."""
        digest = hashlib.sha256(destination_key.encode("utf-8")).hexdigest()[:16]
        self.folder = root / digest
        self._label = label if label is not None else destination_key

    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.name.endswith(SUFFIX))

    def load(self) -> tuple[list[SpooledFinding], list[Path]]:
        """Every spooled finding, oldest file first, and the files they came from."""
        entries: list[SpooledFinding] = []
        files = self.files()
        for path in files:
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                        entries.append(SpooledFinding(record["result"], record["tool"]))
                    except (ValueError, KeyError, TypeError):
                        log.warning("spool %s:%d: unreadable line skipped", path, number)
        return entries, files

    def write(self, entries: Sequence[SpooledFinding]) -> Path | None:
        """Write one new spool file atomically; None when there is nothing to keep."""
        if not entries:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "destination.txt").write_text(self._label + "\n", encoding="utf-8")
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}{SUFFIX}"
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                for entry in entries:
                    record = {"result": entry.result, "tool": entry.tool}
                    handle.write(json.dumps(record, separators=(",", ":")) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            target = self.folder / name
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def remove(self, files: Sequence[Path]) -> None:
        for path in files:
            path.unlink(missing_ok=True)


def ensure_outside(spool_root: Path, scanned: Sequence[Path]) -> None:
    """Refuse a spool inside a scanned folder: findings must not land in the repository."""
    root = spool_root.resolve()
    for path in scanned:
        folder = path.resolve()
        if root == folder or folder in root.parents:
            raise ValueError(f"the spool folder {spool_root} is inside the scanned path {path}")
