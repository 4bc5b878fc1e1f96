"""Find the root modules under the scanned paths.

A folder with `.tf` files is a root unless another scanned folder calls it as a local module
(`source = "./..."`): tfparse evaluates a called module with its caller's inputs, and
evaluating it again on its own would report it twice with unset variables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from scanner.sources.walk import Refused, read_regular, walk

TERRAFORM_SUFFIXES = (".tf", ".tf.json")
# Local module sources: `.`, `..`, `./x`, `../x`, and absolute paths, which tfparse also
# reads from disk (Terraform would copy them in at `init`).
_SOURCE = re.compile(r'^[ \t]*source[ \t]*=[ \t]*"(\.\.?|\.\.?/[^"]*|/[^"]*)"', re.MULTILINE)
_BLOCK_HEADER = re.compile(r'^[ \t]*([A-Za-z_][\w-]*)(?:[ \t]+"[^"\n]*")*[ \t]*\{', re.MULTILINE)


@dataclass(slots=True)
class TerraformTree:
    roots: list[Path] = field(default_factory=list)
    files: int = 0


def _tf_dirs(
    path: Path, skip_paths: tuple[str, ...], follow_symlinks: bool
) -> dict[Path, list[Path]]:
    """Folders with Terraform files. A folder whose only `.tf` is not a regular file is one
    too: its evaluation reports the file (and never opens it)."""
    found: dict[Path, list[Path]] = {}
    refused: list[Refused] = []
    for folder, names in walk(path, skip_paths, follow_symlinks=follow_symlinks, refused=refused):
        tf_files = [folder / name for name in names if name.endswith(TERRAFORM_SUFFIXES)]
        if tf_files:
            found[folder] = tf_files
    for entry in refused:
        if entry.path.name.endswith(TERRAFORM_SUFFIXES):
            found.setdefault(entry.path.parent, [])
    return found


def local_sources(text: str) -> list[str]:
    """The local paths that the `module` blocks of a file's text call."""
    found = list(_SOURCE.finditer(text))
    if not found:
        return []  # most files call no module: no need to find their blocks
    headers = [(m.start(), m.group(1)) for m in _BLOCK_HEADER.finditer(text)]
    starts = [start for start, _ in headers]
    sources: list[str] = []
    for match in found:
        # The block the attribute sits in: the nearest header above it.
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and headers[index][1] == "module":
            sources.append(match.group(1))
    return sources


def module_calls(folder: Path, files: list[Path]) -> list[tuple[Path, str, Path]]:
    """(calling file, source as written, folder called) of every local module call whose
    folder exists, in file order."""
    calls: list[tuple[Path, str, Path]] = []
    for file in files:
        try:
            text = read_regular(file).decode("utf-8", errors="replace")
        except OSError:
            continue  # reported by the loader, which reads every file again
        for source in local_sources(text):
            target = (folder / source).resolve()
            if target.is_dir():
                calls.append((file, source, target))
    return calls


def called_modules(folder: Path, files: list[Path]) -> set[Path]:
    return {target for _, _, target in module_calls(folder, files)}


def discover(
    paths: list[Path], skip_paths: tuple[str, ...] = (), follow_symlinks: bool = False
) -> TerraformTree:
    """Root module folders under `paths`, in a stable order (a module a skipped root calls
    is still evaluated as part of any root that is scanned and calls it)."""
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        if path.is_dir():
            folders.update(_tf_dirs(path, skip_paths, follow_symlinks))
    calls = {folder.resolve(): called_modules(folder, files) for folder, files in folders.items()}
    called = set().union(*calls.values()) if calls else set()
    tree = TerraformTree()
    tree.files = sum(len(files) for files in folders.values())
    tree.roots = [f for f in sorted(folders) if f.resolve() not in called]
    # Folders that only call each other (a cycle, which Terraform refuses) have no root
    # above them; one of each such group becomes a root so that the cycle is reported.
    reached = _reachable([r.resolve() for r in tree.roots], calls)
    for folder in sorted(folders):
        if folder.resolve() not in reached:
            tree.roots.append(folder)
            reached |= _reachable([folder.resolve()], calls)
    return tree


def _reachable(starts: list[Path], calls: dict[Path, set[Path]]) -> set[Path]:
    seen: set[Path] = set()
    pending = list(starts)
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(calls.get(current, ()))
    return seen
