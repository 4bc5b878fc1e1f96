"""Find the root modules under the scanned paths.

A folder with `.tf` files is a root unless another scanned folder calls it as a local module
(`source = "./..."`): tfparse evaluates a called module with its caller's inputs, and
evaluating it again on its own would report it twice with unset variables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scanner.sources.walk import walk

TERRAFORM_SUFFIXES = (".tf", ".tf.json")
_LOCAL_SOURCE = re.compile(r'^\s*source\s*=\s*"(\.\.?/[^"]*)"', re.MULTILINE)


@dataclass(slots=True)
class TerraformTree:
    roots: list[Path] = field(default_factory=list)
    files: int = 0


def _tf_dirs(path: Path, skip_paths: tuple[str, ...]) -> dict[Path, list[Path]]:
    found: dict[Path, list[Path]] = {}
    for folder, names in walk(path, skip_paths):
        tf_files = [folder / name for name in names if name.endswith(TERRAFORM_SUFFIXES)]
        if tf_files:
            found[folder] = tf_files
    return found


def called_modules(folder: Path, files: list[Path]) -> set[Path]:
    called: set[Path] = set()
    for file in files:
        try:
            text = file.read_text("utf-8", errors="replace")
        except OSError:
            continue  # reported by the loader, which reads every file again
        for source in _LOCAL_SOURCE.findall(text):
            target = (folder / source).resolve()
            if target.is_dir():
                called.add(target)
    return called


def discover(paths: list[Path], skip_paths: tuple[str, ...] = ()) -> TerraformTree:
    """Root module folders under `paths`, in a stable order (a module a skipped root calls
    is still evaluated as part of any root that is scanned and calls it)."""
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        if path.is_dir():
            folders.update(_tf_dirs(path, skip_paths))
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
