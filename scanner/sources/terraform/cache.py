"""Evaluated root modules kept on disk, so that a re-scan only evaluates what changed.

An entry is keyed by everything the evaluation read: the content of the module's Terraform
files and of the local modules it calls, the variable files, the other files beside them
(by size and time: `file()` and `templatefile()` read them), `TF_VAR_*` variables, what the
job asked for, and the code that evaluates (tfparse and this package). A changed byte
anywhere in that set is a different key, so an entry is never stale, only unused.

Entries are JSON, never pickle: a cache directory restored by a CI system must not be a way
to run code. They are written to a temporary file and renamed, so concurrent scans sharing
the directory each see a whole entry or none. A damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Final

from scanner import __version__
from scanner.errors import InputError, NotScanned
from scanner.model.resource import Location, NativeResource
from scanner.model.suppression import Suppression
from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.terraform.discover import TERRAFORM_SUFFIXES, called_modules
from scanner.sources.terraform.evaluate import RootJob, RootResult, evaluate_root
from scanner.sources.walk import read_regular, tag_cache_dir
from scanner.user_cache import default_cache_dir as default_cache_dir

log = logging.getLogger(__name__)

_FORMAT: Final = "2"
# Keys written by the cache itself start with NUL, which no key the cache stores as data
# does once escaped (see _encode), so a scanned file cannot forge an unknown value.
_UNKNOWN_KEY: Final = "\x00unknown"
_ESCAPE: Final = "\x00"
_SKIPPED_FOLDERS: Final = frozenset({".git", ".terraform", "__pycache__", "node_modules"})


def _code_fingerprint() -> str:
    """The evaluating code: tfparse's version, and this package's files by size and time
    (an editable checkout changes without a new version number)."""
    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0".encode())
    try:
        digest.update(version("tfparse").encode())
    except PackageNotFoundError:
        digest.update(b"tfparse?")
    package = Path(__file__).resolve().parents[2]
    for folder in ("sources", "model"):
        for file in sorted((package / folder).rglob("*.py")):
            stat = file.stat()
            digest.update(
                f"{file.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
            )
    digest.update((package / "errors.py").read_bytes())
    return digest.hexdigest()


def _module_folders(root: Path) -> list[Path]:
    """The root folder and every local module it calls, transitively, in a stable order."""
    seen: set[Path] = set()
    pending = [root.resolve()]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        own = sorted(p for p in current.iterdir() if p.name.endswith(TERRAFORM_SUFFIXES))
        pending.extend(called_modules(current, own))
    return sorted(seen)


def _files_beside(folder: Path, cache: Path) -> Iterator[Path]:
    """Regular files of a module folder and of its sub-folders that are not modules of
    their own (a called module is hashed as a module; an uncalled one is not read), leaving
    out the cache's own folder should it sit inside the scanned tree."""
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink() and not entry.exists():
            continue
        if entry.is_file():
            yield entry
        elif entry.is_dir() and entry.name not in _SKIPPED_FOLDERS and entry != cache:
            inner = list(entry.iterdir())
            if not any(p.name.endswith(TERRAFORM_SUFFIXES) for p in inner):
                yield from _files_beside(entry, cache)


def _hash_file(digest: hashlib._Hash, file: Path, by_content: bool) -> None:
    digest.update(str(file).encode("utf-8", "surrogateescape") + b"\0")
    stat = file.stat()
    if by_content:
        # Never a blocking open: a FIFO swapped in for a .tf file must not hang the scan.
        digest.update(hashlib.sha256(read_regular(file)).digest())
    else:
        digest.update(f"{stat.st_size}\0{stat.st_mtime_ns}".encode())


def job_key(job: RootJob, code: str, cache: Path) -> str | None:
    """The cache key of a job, or None when its files cannot all be read (no caching)."""
    digest = hashlib.sha256(code.encode())
    asked = [job.shown, sorted(job.wanted_types), job.scan_root, job.follow_symlinks]
    digest.update(json.dumps(asked).encode())
    path = Path(job.path)
    try:
        if path.is_file():
            _hash_file(digest, path.resolve(), by_content=True)
        else:
            for folder in _module_folders(path):
                for file in _files_beside(folder, cache):
                    terraform = file.name.endswith((*TERRAFORM_SUFFIXES, ".tfvars"))
                    _hash_file(digest, file, by_content=terraform)
        for extra in job.var_files:
            _hash_file(digest, Path(extra).resolve(), by_content=True)
    except OSError:
        return None
    variables = sorted((k, v) for k, v in os.environ.items() if k.startswith("TF_VAR_"))
    digest.update(json.dumps(variables).encode())
    return digest.hexdigest()


def _encode(value: object) -> object:
    if isinstance(value, Unknown):
        return {_UNKNOWN_KEY: True}
    if isinstance(value, dict):
        return {(_ESCAPE + k if k.startswith(_ESCAPE) else k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if _UNKNOWN_KEY in value:
            return UNKNOWN
        return {(k[1:] if k.startswith(_ESCAPE) else k): _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _resource_entry(r: NativeResource, escape: bool) -> dict[str, object]:
    return {
        "id": r.id,
        "type": r.type,
        "name": r.name,
        "attributes": _encode(r.attributes) if escape else r.attributes,
        "location": [r.location.source, r.location.file, r.location.line],
        "references": r.references,
        "scope": r.scope,
        "suppressions": [
            [s.rule_id, s.reason, _day(s.expires), s.file, s.line, s.problem]
            for s in r.suppressions
        ],
        "texts": r.texts,
        "lines": r.lines,
    }


def _resource(entry: dict[str, object]) -> NativeResource:
    where: list[Any] = entry["location"]  # type: ignore[assignment]
    source, file, line = where
    attributes = _decode(entry["attributes"])
    references: dict[str, list[str]] = entry["references"]  # type: ignore[assignment]
    suppressions: list[list[object]] = entry["suppressions"]  # type: ignore[assignment]
    return NativeResource(
        id=str(entry["id"]),
        type=str(entry["type"]),
        name=str(entry["name"]),
        attributes=attributes if isinstance(attributes, dict) else {},
        location=Location(source, file, line),
        references={k: tuple(v) for k, v in references.items()},
        scope=str(entry["scope"]),
        suppressions=tuple(
            Suppression(
                str(rule),
                reason,  # type: ignore[arg-type]
                date.fromisoformat(expires) if isinstance(expires, str) else None,
                str(s_file),
                s_line,  # type: ignore[arg-type]
                problem,  # type: ignore[arg-type]
            )
            for rule, reason, expires, s_file, s_line, problem in suppressions
        ),
        texts=entry["texts"],  # type: ignore[arg-type]
        lines=entry["lines"],  # type: ignore[arg-type]
    )


def _entry(result: RootResult, escape: bool) -> dict[str, object]:
    return {
        "resources": [_resource_entry(r, escape) for r in result.resources],
        "errors": [[e.file, e.line, e.message] for e in result.errors],
        "not_scanned": [[n.file, n.line, n.what, n.reason] for n in result.not_scanned],
        "resources_read": result.resources_read,
        "notes": result.notes,
    }


def _entry_text(result: RootResult) -> str:
    """The entry as JSON. Unknown values become markers in the C encoder's `default` hook;
    only when the text holds a NUL-led string that is not one of those markers (a key the
    module wrote so, which must be escaped) is the entry escaped value by value (slower)."""
    markers = 0

    def unknown_marker(value: object) -> object:
        nonlocal markers
        if isinstance(value, Unknown):
            markers += 1
            return {_UNKNOWN_KEY: True}
        raise TypeError(f"not JSON: {type(value).__name__}")

    # dumps, not dump: only the one-shot encoder is the C one (5 s -> 0.5 s a scan).
    text = json.dumps(_entry(result, False), separators=(",", ":"), default=unknown_marker)
    if text.count('"\\u0000') == markers:
        return text
    return json.dumps(_entry(result, True), separators=(",", ":"))


def _result(entry: dict[str, object]) -> RootResult:
    errors: list[list[object]] = entry["errors"]  # type: ignore[assignment]
    skipped: list[list[object]] = entry["not_scanned"]  # type: ignore[assignment]
    resources: list[dict[str, object]] = entry["resources"]  # type: ignore[assignment]
    return RootResult(
        resources=[_resource(r) for r in resources],
        errors=[InputError(str(f), ln, str(m)) for f, ln, m in errors],  # type: ignore[arg-type]
        not_scanned=[
            NotScanned(str(f), ln, str(w), str(r))  # type: ignore[arg-type]
            for f, ln, w, r in skipped
        ],
        resources_read=int(entry["resources_read"]),  # type: ignore[call-overload]
        cacheable=True,
        notes=[str(n) for n in entry["notes"]],  # type: ignore[attr-defined]
    )


class RootCache:
    """Evaluated root modules by key, in `directory` (created on first write)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.code = _code_fingerprint()
        self.hits = 0

    def _file(self, key: str) -> Path:
        return self.directory / "terraform" / key[:2] / f"{key}.json"

    def key(self, job: RootJob) -> str | None:
        return job_key(job, self.code, self.directory.resolve())

    def get(self, key: str) -> RootResult | None:
        try:
            entry = json.loads(self._file(key).read_bytes())
            result = _result(entry)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.debug("terraform cache: entry %s unusable: %s", key, exc)
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: RootResult) -> None:
        if not result.cacheable:
            return  # a timeout or a crashed worker says nothing about the next run
        target = self._file(key)
        try:
            tag_cache_dir(self.directory)
            target.parent.mkdir(parents=True, exist_ok=True)
            descriptor, scratch = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError as exc:
            # A read-only or full cache slows the next run; it never fails this one.
            log.debug("terraform cache: cannot write in %s: %s", target.parent, exc)
            return
        try:
            text = _entry_text(result)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(scratch, target)
        except (OSError, TypeError, ValueError) as exc:
            log.debug("terraform cache: cannot write %s: %s", target, exc)
            Path(scratch).unlink(missing_ok=True)


def evaluate_cached(job: RootJob, cache: RootCache | None) -> RootResult:
    """The job's result from `cache` when its inputs are unchanged, else evaluated (and kept).

    Runs where the evaluation runs (a worker): reading the module's files for its key,
    decoding and encoding entries are then spread over the workers, not done one by one in
    the process that waits for them."""
    if cache is None:
        return evaluate_root(job)
    key = cache.key(job)
    found = cache.get(key) if key else None
    if found is not None:
        return found
    result = evaluate_root(job)
    if key:
        cache.put(key, result)
    return result
