"""`--diff-base REF`: the scanned paths as they were at a git ref, in a temporary folder.

The ref's whole tree is exported with `git archive` (read-only: no worktree, no index, no
checkout touches the user's repository), so Terraform modules and nested templates outside the
scanned folders are there too. Each scanned path is mapped to the same place in the export and
keeps the name it has in the report, so a finding at the base has the same fingerprint as the
same finding now.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from scanner.errors import UsageError


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


@contextmanager
def base_tree(ref: str, paths: list[tuple[Path, str]]) -> Iterator[list[tuple[Path, str]]]:
    """(path at `ref`, name in the report) for each scanned (path, name); removed on exit.

    A path that did not exist at `ref` is left out: everything under it is new.
    """
    root = repository_root([path for path, _ in paths])
    commit = resolve_ref(root, ref)
    scratch = Path(tempfile.mkdtemp(prefix="mlposture-base-"))
    try:
        _export(root, commit, scratch)
        mapped = [(scratch / path.resolve().relative_to(root), shown) for path, shown in paths]
        yield [(path, shown) for path, shown in mapped if path.exists()]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
