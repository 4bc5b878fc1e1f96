"""A whole scan's JSON report kept on disk, written again while nothing it read has changed.

The Terraform cache (scanner/sources/terraform/cache.py) spares an unchanged module its
evaluation; a re-scan still normalizes, judges and writes every resource. This cache spares
the whole run: an entry holds the report's JSON text, found by a key of everything that is
not a scanned file (the options, the paths as given and the working folder, the day, which
decides expired suppressions, `TF_VAR_*`, and the code: this package's files including its
rules, and every installed distribution's version), and checked against a manifest of every
file under the scanned paths, the rules folders and the variable files.

Checking is cheap first: a file whose size, mtime, inode and ctime are those recorded is
taken as unchanged; one that differs is hashed, and only a different content is a change (a
fresh clone or a checkout touches files without changing them). Any file added, removed or
changed, or any other key input changed, is a miss; a miss scans and writes a new entry.
The run's own report files are left out of the manifest (`ignored`): `-o report.sarif` in
the scanned folder, the usual CI layout, would otherwise change the tree it was made from.

An entry may carry renders beside it: the SARIF or table text of the same report (those
writers need the rules, which the JSON does not hold). Each is tagged with its entry's id,
so a render of an earlier entry under the same key is never served.

A --diff-base run keeps its base's failing fingerprints too (`base_key`): the base tree is
an export kept under its commit, so they hold for every later run against that commit.

A hit costs one walk of the scanned folders (a scandir a folder, an lstat a file, no hash
while the stats match) and the kept report mapped, not read, into the output: about 0.1 s
at 20,000 resources in 5,000 files, the rest of a hit being the interpreter and the CLI's
imports (docs/benchmark.md).

Entries are the report's own JSON text and a JSON manifest, never pickle, written to a
temporary file and renamed, so concurrent scans see a whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Final

from scanner.sources.walk import tag_cache_dir
from scanner.user_cache import code_stats, tree_stats

log = logging.getLogger(__name__)

_FORMAT: Final = "1"
# Not read by any source (scanner/sources/walk.py skips more, but a local module may be
# called from a skipped folder, so only what no scan reads is left out here).
_UNREAD_DIRS: Final = frozenset({".git", "__pycache__"})
_CACHE_TAG: Final = "CACHEDIR.TAG"
_STAMP_PREFIX: Final = b'"generated_at": "'
_STAMP_LENGTH: Final = len("2026-01-01T00:00:00Z")
_STAMP_WINDOW: Final = 64 * 1024  # the top-level stamp comes within the first lines
_MAX_OUTPUTS: Final = 64  # report files remembered as the runs' own
_MAX_HASHED: Final = 256 * 1024 * 1024

# path -> [size, mtime_ns, inode, ctime_ns, content sha256 (files) or link target (links)]
Manifest = dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Entry:
    """What an unchanged run writes again: the JSON report and what its exit code needs."""

    text: bytes | memoryview  # the report as `--format json` writes it (UTF-8)
    exit: dict[str, Any]  # readable, errors, failed per severity, error lines for stderr
    id: str = ""  # tags the renders kept beside it


def _stat_row(status: os.stat_result) -> list[Any]:
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns, None]


_ABSENT: Final = (None, None, None, None, None)  # absent: absent next time too, or a miss


def _file_row(path: str, status: os.stat_result) -> list[Any]:
    row = _stat_row(status)
    if stat.S_ISLNK(status.st_mode):
        try:
            row[4] = "link:" + os.readlink(path)
        except OSError:
            row[4] = "link:?"
    elif not stat.S_ISREG(status.st_mode):
        row[4] = f"mode:{stat.S_IFMT(status.st_mode)}"  # a FIFO is never read, only refused
    return row


def _walk(root: str, left_out: frozenset[str], rows: Manifest) -> None:
    """Every entry under `root` by lstat but `left_out` (real paths); links not followed
    (their target is recorded)."""
    if root in left_out:
        return
    try:
        status = os.lstat(root)
    except OSError:
        rows[root] = list(_ABSENT)
        return
    if stat.S_ISDIR(status.st_mode):
        _walk_folder(root, left_out, rows)
    else:
        rows[root] = _file_row(root, status)


def _walk_folder(folder: str, left_out: frozenset[str], rows: Manifest) -> None:
    # One scandir a folder, one lstat a file: at 20,000 resources this walk is most of an
    # unchanged re-scan, so no other call is made per entry.
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        rows[folder] = [None, None, None, None, "unreadable folder"]
        return
    if any(e.name == _CACHE_TAG and e.is_file() for e in entries):
        return
    for entry in entries:
        if entry.name in _UNREAD_DIRS or entry.path in left_out:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            rows[entry.path] = list(_ABSENT)
            continue
        if stat.S_ISDIR(status.st_mode):
            _walk_folder(entry.path, left_out, rows)
        else:
            rows[entry.path] = _file_row(entry.path, status)


def manifest(roots: list[Path], cache_dir: Path, ignored: Iterable[Path] = ()) -> Manifest:
    """Stat rows of every file under `roots` but the cache and the `ignored` files (content
    hashes not filled in yet)."""
    rows: Manifest = {}
    left_out = frozenset(os.path.realpath(p) for p in (cache_dir, *ignored))
    for root in roots:
        # A scanned path that is a link is read through it: its target is what is walked.
        _walk(os.path.realpath(root), left_out, rows)
    return rows


def _content_hash(path: str) -> str | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        digest = hashlib.sha256()
        read = 0
        while chunk := os.read(descriptor, 1024 * 1024):
            read += len(chunk)
            if read > _MAX_HASHED:
                return None
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _fill_hashes(rows: Manifest) -> bool:
    """Content hashes of the regular files; False when one cannot be read (no caching)."""
    for path, row in rows.items():
        if row[0] is not None and row[4] is None:
            row[4] = _content_hash(path)
            if row[4] is None:
                return False
    return True


def unchanged(recorded: Manifest, current: Manifest) -> bool:
    """Same files, each with the same stat or, failing that, the same content."""
    if recorded.keys() != current.keys():
        return False
    for path, row in current.items():
        before = recorded[path]
        if row[:4] == before[:4] and (row[4] is None or row[4] == before[4]):
            continue
        if row[0] is None or row[4] is not None:
            return False  # absent now, or a link or a special file that changed
        if _content_hash(path) != before[4]:
            return False
    return True


def _same_stats(before: Manifest, after: Manifest) -> bool:
    """Nothing touched while the scan ran (contents are hashed after it: not a proof)."""
    return before.keys() == after.keys() and all(
        after[path][:4] == row[:4] for path, row in before.items()
    )


def code_fingerprint() -> str:
    """This package's files (code, mappings, packaged rules) and a checkout's `rules/` by
    size and time, Python's version and every installed distribution's name and version."""
    digest = hashlib.sha256(f"{_FORMAT}\0".encode())
    code_stats(digest)
    checkout = Path(__file__).resolve().parent.parent
    checkout_rules = checkout / "rules"  # an editable install's built-in rules
    if (checkout / "pyproject.toml").is_file() and checkout_rules.is_dir():
        tree_stats(checkout_rules, digest)
    return digest.hexdigest()


def run_key(asked: object) -> str:
    """The key of everything a run depends on besides its files: `asked` (the options and
    paths, as text), the working folder, the day, TF_VAR_* variables and the code."""
    variables = sorted((k, v) for k, v in os.environ.items() if k.startswith("TF_VAR_"))
    text = json.dumps(
        [repr(asked), os.getcwd(), datetime.now(UTC).date().isoformat(), variables],
        default=str,
    )
    return hashlib.sha256(f"{code_fingerprint()}\0{text}".encode()).hexdigest()


class ScanCache:
    """Whole-run JSON reports by key, in `directory`/runs (created on first write)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, key: str) -> Path:
        return self.directory / "runs" / f"{key}.json"

    def _render_file(self, key: str, variant: str) -> Path:
        name = hashlib.sha256(variant.encode()).hexdigest()[:16]
        return self.directory / "runs" / f"{key}.{name}.out"

    def get(self, key: str, current: Manifest) -> Entry | None:
        """The entry of `key` if no file changed since it was written (`current`: the
        manifest of the same roots and ignored files, taken now)."""
        try:
            with self._file(key).open("rb") as handle:
                head = json.loads(handle.readline())
                text = _rest_mapped(handle)
            recorded: Manifest = head["manifest"]
            exit_info: dict[str, Any] = head["exit"]
            entry_id = str(head.get("id", ""))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.debug("scan cache: entry %s unusable: %s", key, exc)
            return None
        if not unchanged(recorded, current):
            return None
        return Entry(text, exit_info, entry_id)

    def put(
        self,
        key: str,
        roots: list[Path],
        entry: Entry,
        before: Manifest,
        ignored: Iterable[Path] = (),
    ) -> str | None:
        """Keep `entry` if no file under `roots` changed while the scan ran (`before`: the
        manifest taken when it started, without the same `ignored` files); its new id, or
        None when it was not kept."""
        after = manifest(roots, self.directory, ignored)
        if not _same_stats(before, after) or not _fill_hashes(before):
            return None
        # An entry's id is kept when the same tree was scanned again to add a render.
        entry_id = entry.id or secrets.token_hex(8)
        head = json.dumps(
            {"id": entry_id, "manifest": before, "exit": entry.exit}, separators=(",", ":")
        )
        if not self._write(self._file(key), head.encode() + b"\n", entry.text):
            return None
        if not entry.id:
            for stale in self._file(key).parent.glob(f"{key}.*.out"):  # the old entry's
                stale.unlink(missing_ok=True)
        return entry_id

    def get_render(self, key: str, entry_id: str, variant: str) -> memoryview | None:
        """The `variant` text (e.g. "sarif") kept beside the entry `entry_id`, if any."""
        if not entry_id:
            return None
        try:
            with self._render_file(key, variant).open("rb") as handle:
                tag = handle.readline()
                text = _rest_mapped(handle)
        except (OSError, ValueError):
            return None
        return text if tag == f"{entry_id}\0{variant}\n".encode() else None

    def put_render(self, key: str, entry_id: str, variant: str, text: bytes) -> None:
        """Keep `text`, the `variant` render of the entry `entry_id`, beside it."""
        tag = f"{entry_id}\0{variant}\n".encode()
        self._write(self._render_file(key, variant), tag, text)

    def _outputs_file(self) -> Path:
        return self.directory / "runs" / "outputs.json"

    def _recorded_outputs(self) -> dict[str, list[Any]]:
        try:
            found = json.loads(self._outputs_file().read_bytes())
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def own_outputs(self) -> list[Path]:
        """Report files written by earlier runs with this cache and not changed since (by
        their stat): `-o report.sarif` of one run is not a change to the next one's tree,
        whatever that one writes."""
        unchanged_since: list[Path] = []
        for path, row in self._recorded_outputs().items():
            try:
                if _stat_row(os.lstat(path))[:4] == row:
                    unchanged_since.append(Path(path))
            except (OSError, TypeError):
                continue
        return unchanged_since

    def note_outputs(self, written: Iterable[Path]) -> None:
        """Record the report files this run wrote (see `own_outputs`), the last few dozen."""
        recorded = self._recorded_outputs()
        before = dict(recorded)
        for output in written:
            path = os.path.realpath(output)
            try:
                row = _stat_row(os.lstat(path))[:4]
            except OSError:
                continue
            recorded.pop(path, None)
            recorded[path] = row  # last written last
        kept = dict(list(recorded.items())[-_MAX_OUTPUTS:])
        if list(kept.items()) != list(before.items()):  # a table to stdout writes no file
            self._write(self._outputs_file(), b"", json.dumps(kept).encode())

    def _write(self, target: Path, head: bytes, text: bytes | memoryview) -> bool:
        """`head` then `text` into `target`, whole or not at all."""
        try:
            tag_cache_dir(self.directory)
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor, scratch = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError as exc:
            log.debug("scan cache: cannot write in %s: %s", target.parent, exc)
            return False
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(head)
                handle.write(text)
            os.replace(scratch, target)
        except OSError as exc:
            log.debug("scan cache: cannot write %s: %s", target, exc)
            Path(scratch).unlink(missing_ok=True)
            return False
        return True


def _rest_mapped(handle: BinaryIO) -> memoryview:
    """The rest of an open file after what was read of it, mapped, not read: 60 MB of
    report take 0.15 s to read into memory and are only written out again."""
    start = handle.tell()
    if os.fstat(handle.fileno()).st_size <= start:
        return memoryview(b"")
    # Entries are replaced, never truncated, so the mapping stays whole after a rename.
    return memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))[start:]


def base_key(base_paths: list[tuple[Path, str]], asked: object, watched: list[Path]) -> str:
    """The key of a --diff-base base scan: the base tree is an export kept under its commit
    (scanner/gitdiff.py), so its paths stand for its files; `watched` (variable files, rules
    folders: read from the working tree, not the export) count by their stat rows."""
    rows = manifest(watched, Path(os.devnull))
    shown = [(str(path), name) for path, name in base_paths]
    return run_key(("diff-base", shown, asked, sorted(rows.items())))


def _base_file(directory: Path, key: str) -> Path:
    return directory / "runs" / f"base-{key}.json"


def kept_failures(directory: Path, key: str) -> frozenset[str] | None:
    """The fingerprints failing at a base scanned before under `key`, if kept."""
    try:
        found = json.loads(_base_file(directory, key).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.debug("scan cache: base entry %s unusable: %s", key, exc)
        return None
    if not isinstance(found, list) or not all(isinstance(f, str) for f in found):
        return None
    return frozenset(found)


def keep_failures(directory: Path, key: str, failing: frozenset[str]) -> None:
    """Keep the fingerprints failing at a base for the next run against it."""
    text = json.dumps(sorted(failing)).encode()
    ScanCache(directory)._write(_base_file(directory, key), b"", text)


def write_restamped(text: bytes | memoryview, when: datetime, out: BinaryIO) -> None:
    """The report text with this run's time: the first `generated_at` is the top-level one
    (only the tool's name, version and engines come before it)."""
    view = memoryview(text)
    at = bytes(view[:_STAMP_WINDOW]).find(_STAMP_PREFIX)
    if at < 0:
        out.write(view)
        return
    start = at + len(_STAMP_PREFIX)
    out.write(view[:start])
    out.write(when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode())
    out.write(view[start + _STAMP_LENGTH :])
