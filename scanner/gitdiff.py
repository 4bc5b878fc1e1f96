"""`--diff-base REF`: the scanned paths as they were at a git ref, in a temporary folder.

The ref's whole tree is exported with `git archive` (read-only: no worktree, no index, no
checkout touches the user's repository), so Terraform modules and nested templates outside the
scanned folders are there too. Each scanned path is mapped to the same place in the export and
keeps the name it has in the report, so a finding at the base has the same fingerprint as the
same finding now.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from scanner.errors import UsageError
from scanner.sources.walk import tag_cache_dir


def _git(args: list[str], cwd: Path) -> str:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--diff-base needs git, and git is not on PATH")
    done = subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip())
    return done.stdout.strip()


class _GitFailed(Exception):
    pass


def _folder(path: Path) -> Path:
    resolved = path.resolve()
    return resolved if resolved.is_dir() else resolved.parent


def repository_root(paths: list[Path]) -> Path:
    """The top of the one git repository every scanned path is in."""
    roots: set[Path] = set()
    for path in paths:
        try:
            roots.add(Path(_git(["rev-parse", "--show-toplevel"], _folder(path))).resolve())
        except _GitFailed as exc:
            raise UsageError(f"--diff-base: {path} is not in a git repository ({exc})") from exc
    if len(roots) != 1:
        raise UsageError("--diff-base: the scanned paths are in different git repositories")
    return roots.pop()


def resolve_ref(root: Path, ref: str) -> str:
    """The commit `ref` names, or a usage error that says the ref is unknown."""
    try:
        return _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root
        )
    except _GitFailed as exc:
        raise UsageError(f"--diff-base: unknown git ref {ref!r} in {root}") from exc


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    """One file of the export; links leading out of it and special files are skipped."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
        with suppress(tarfile.FilterError):
            archive.extract(member, target, filter="data")
        return
    name = Path(member.name)
    if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
        return
    archive.extract(member, target)


def _export(root: Path, commit: str, target: Path) -> None:
    git = shutil.which("git")
    assert git is not None  # resolve_ref found it
    with subprocess.Popen(
        [git, "archive", "--format=tar", commit],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
                for member in archive:
                    _extract(archive, member, target)
        except tarfile.TarError as exc:
            process.kill()
            message = f"--diff-base: cannot read git archive of {commit[:12]}: {exc}"
            raise UsageError(message) from exc
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode != 0:
        raise UsageError(f"--diff-base: git archive {commit[:12]} failed: {stderr.strip()}")


_COMPLETE = ".mlposture-complete"  # written last: a kept tree without it is half exported
# Base trees kept in the cache folder, newest first: a pull request's runs share their base.
KEPT_BASES = 4


def _kept_export(root: Path, commit: str, keep_in: Path) -> Path:
    """The tree at `commit`, exported once into `keep_in/base/<commit>` and reused: its files
    keep their paths and times, so the Terraform cache's entries for the base hold on the next
    run. Concurrent runs each export to a folder of their own; the first to finish wins."""
    bases = keep_in / "base"
    kept = bases / commit
    if (kept / _COMPLETE).is_file():
        os.utime(kept)  # most recently used
        return kept
    tag_cache_dir(keep_in)  # never scanned, even inside the scanned folder
    bases.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{commit[:12]}-", dir=bases))
    try:
        _export(root, commit, fresh)
        (fresh / _COMPLETE).write_text(commit + "\n", "utf-8")
        try:
            os.replace(fresh, kept)
        except OSError:  # another run kept it first (or a broken one is in the way)
            if not (kept / _COMPLETE).is_file():
                shutil.rmtree(kept, ignore_errors=True)
                os.replace(fresh, kept)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    _prune(bases)
    return kept


def _prune(bases: Path) -> None:
    kept = sorted(
        (p for p in bases.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in kept[KEPT_BASES:]:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def base_tree(
    ref: str, paths: list[tuple[Path, str]], keep_in: Path | None = None
) -> Iterator[list[tuple[Path, str]]]:
    """(path at `ref`, name in the report) for each scanned (path, name).

    A path that did not exist at `ref` is left out: everything under it is new. The tree is
    removed on exit, unless `keep_in` (the cache folder) is given: then it is kept there for
    the next run against the same commit.
    """
    root = repository_root([path for path, _ in paths])
    commit = resolve_ref(root, ref)
    if keep_in is not None:
        try:
            tree = _kept_export(root, commit, keep_in)
        except OSError:  # an unwritable cache folder: export as if there were none
            keep_in = None
    scratch: Path | None = None
    if keep_in is None:
        scratch = tree = Path(tempfile.mkdtemp(prefix="mlposture-base-"))
    try:
        if scratch is not None:
            _export(root, commit, scratch)
        mapped = [(tree / path.resolve().relative_to(root), shown) for path, shown in paths]
        yield [(path, shown) for path, shown in mapped if path.exists()]
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
