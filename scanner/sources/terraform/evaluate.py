"""Evaluate one root module (runs in a worker process; imports stay light on purpose).

The fast path is one tfparse call that both evaluates and validates: it stops on the first
HCL error, and on a clean tree nothing else runs. Only when it reports an error does
python-hcl2 validate every file of the module (all broken files, each with its line), and the
module is read again so that one broken file never hides the others' resources.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import tfparse

from scanner.errors import InputError, NotScanned
from scanner.model.resource import NativeResource
from scanner.sources.terraform.discover import TERRAFORM_SUFFIXES, called_modules, module_calls
from scanner.sources.terraform.hcl import (
    WrittenBlocks,
    nesting_error,
    parse_file,
    unevaluated_resources,
)
from scanner.sources.terraform.lines import attach_lines_evaluated, attach_lines_read
from scanner.sources.terraform.meta_arguments import refused_meta_arguments
from scanner.sources.terraform.suppressions import attach_evaluated, attach_read
from scanner.sources.terraform.values import count_resources, native_resources, remote_modules
from scanner.sources.walk import Refused, is_inside, read_regular, refusal

_TFPARSE_POSITION = re.compile(r"([^\s:]+\.tf):(\d+),")


@dataclass(slots=True)
class RootResult:
    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    resources_read: int = 0  # of every type, judged or not
    # Evaluated to the end (not a timeout or a crashed worker): the next run may reuse it.
    cacheable: bool = False
    # Said once, not errors: local modules read from outside the scanned folder.
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RootJob:
    path: str  # a folder, or a single .tf file
    shown: str  # how the path is written in the report
    wanted_types: frozenset[str]
    var_files: tuple[str, ...] = ()
    # The scanned folder: file links inside it may not lead out of it (unless followed).
    # Empty for a file named on the command line.
    scan_root: str = ""
    follow_symlinks: bool = False


def _var_files(folder: Path, job: RootJob) -> list[str]:
    """Terraform's automatic tfvars, then the user's; tfparse wants them relative to folder.
    An automatic one that is not a regular file, or links out of the scanned folder, is not
    read (the walk lists it)."""
    root = Path(job.scan_root).resolve() if job.scan_root else None
    confined = root if root is not None and is_inside(folder.resolve(), root) else None
    auto = [folder / "terraform.tfvars", *sorted(folder.glob("*.auto.tfvars"))]
    chosen = [p for p in auto if p.exists() and refusal(p, confined, job.follow_symlinks) is None]
    chosen += [Path(e).resolve() for e in job.var_files]
    return [os.path.relpath(p.resolve(), folder.resolve()) for p in chosen]


@dataclass(slots=True)
class _ModuleSet:
    """A root module and the local modules it calls, transitively: read in one pass."""

    files: list[Path] = field(default_factory=list)  # readable .tf files
    # Not read: not regular files, or links out of the scanned folder (a module outside
    # it is Terraform's to read as it likes, links and all).
    refused: list[Refused] = field(default_factory=list)
    calls: list[tuple[Path, str, Path]] = field(default_factory=list)  # file, source, folder


def _module_set(folder: Path, job: RootJob) -> _ModuleSet:
    root = Path(job.scan_root).resolve() if job.scan_root else None
    found = _ModuleSet()
    seen: set[Path] = set()
    pending = [folder.resolve()]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        confined = root if root is not None and is_inside(current, root) else None
        own: list[Path] = []
        for path in sorted(p for p in current.iterdir() if p.name.endswith(TERRAFORM_SUFFIXES)):
            why = refusal(path, confined, job.follow_symlinks)
            if why is None:
                own.append(path)
            else:
                found.refused.append(why)
        found.files.extend(own)
        calls = module_calls(current, own)
        found.calls.extend(calls)
        pending.extend(target for _, _, target in calls)
    return found


def _outside_notes(folder: Path, job: RootJob, modules: _ModuleSet) -> list[str]:
    """A note for each local module the root calls, transitively, from outside the scanned
    folder: Terraform reads it, so it is evaluated, but the report says where it came from."""
    if not job.scan_root:
        return []
    root = Path(job.scan_root).resolve()
    notes: list[str] = []
    noted: set[Path] = set()
    for file, source, target in modules.calls:
        if not is_inside(target, root) and target not in noted:
            noted.add(target)
            caller = _shown(file, folder, job.shown) if is_inside(file, root) else str(file)
            notes.append(
                f"{caller}: local module source {source!r} is outside the scanned folder "
                f"({target}); it is read and evaluated, as Terraform would"
            )
    return notes


def module_cycle(folder: Path) -> tuple[Path, Path] | None:
    """(caller, callee) of a local module call that closes a cycle, if there is one.

    Terraform refuses such a tree, and tfparse never returns on it, so it is found first.
    """
    on_path: list[Path] = []

    def visit(current: Path) -> tuple[Path, Path] | None:
        on_path.append(current)
        own = sorted(p for p in current.iterdir() if p.name.endswith(TERRAFORM_SUFFIXES))
        for callee in sorted(called_modules(current, own)):
            if callee in on_path:
                return current, callee
            found = visit(callee)
            if found:
                return found
        on_path.pop()
        return None

    return visit(folder.resolve())


def _shown_lexically(file: Path, root: Path, shown_root: str) -> str:
    """Like _shown, for a file that may be a link: its own name, not its target's."""
    try:
        return f"{shown_root}/{file.relative_to(root.resolve()).as_posix()}"
    except ValueError:
        return str(file)


def _shown(file: Path, root: Path, shown_root: str) -> str:
    try:
        return f"{shown_root}/{file.resolve().relative_to(root.resolve())}"
    except ValueError:
        return str(file)


def _evaluate(
    folder: Path, job: RootJob, stop_on_error: bool
) -> dict[str, list[dict[str, object]]]:
    result: dict[str, list[dict[str, object]]] = tfparse.load_from_path(
        str(folder),
        stop_on_hcl_error=stop_on_error,
        allow_downloads=False,
        vars_paths=_var_files(folder, job),
    )
    return result


def _read_unevaluated(
    folder: Path,
    job: RootJob,
    names: dict[str, str],
    result: RootResult,
    covered: set[str | None],
) -> None:
    """Read the module's files with python-hcl2: every syntax error with its line, and the
    resources of the files not already `covered` by an evaluation, as written."""
    for file in _module_set(folder, job).files:
        shown = names.get(file.name) or _shown(file, folder, job.shown)
        parsed = parse_file(file, shown)
        if parsed.error is not None:
            result.errors.append(parsed.error)
        elif shown not in covered:
            unevaluated = attach_read(
                unevaluated_resources(parsed, shown, job.wanted_types, "", job.shown), parsed.text
            )
            unevaluated = attach_lines_read(unevaluated, parsed.text)
            result.resources.extend(unevaluated)
            result.resources_read += len(unevaluated)


def _take_evaluated(
    evaluated: dict[str, list[dict[str, object]]],
    folder: Path,
    job: RootJob,
    names: dict[str, str],
    result: RootResult,
) -> None:
    """The wanted resources of an evaluated module (with their suppressions), and the count."""
    written = WrittenBlocks(folder)
    resources = native_resources(evaluated, job.shown, job.wanted_types, names, written.block)
    resources = attach_lines_evaluated(resources, evaluated, folder, job.shown, names)
    result.resources = attach_evaluated(resources, evaluated, folder, job.shown, names)
    result.resources_read = count_resources(evaluated)


def _refused_meta_arguments(
    folder: Path,
    job: RootJob,
    names: dict[str, str],
    evaluated: dict[str, list[dict[str, object]]],
    modules: _ModuleSet,
) -> list[InputError]:
    """count / for_each values Terraform refuses and tfparse drops silently."""
    texts: dict[Path, str] = {}
    for file in modules.files:
        try:
            texts[file] = read_regular(file).decode("utf-8", "replace")
        except OSError:
            continue  # tfparse read it a moment ago; gone since, nothing to say about it
    return refused_meta_arguments(
        folder,
        texts,
        lambda file: names.get(file.name) or _shown(file, folder, job.shown),
        evaluated,
    )


def _recover(
    folder: Path, job: RootJob, message: str, result: RootResult, names: dict[str, str]
) -> None:
    """tfparse refused the module: report every broken file, read what can still be read."""
    try:
        evaluated = _evaluate(folder, job, stop_on_error=False)
    except tfparse.ParseError:
        evaluated = {}
    _take_evaluated(evaluated, folder, job, names, result)
    _read_unevaluated(folder, job, names, result, {r.location.file for r in result.resources})
    if not result.errors:
        match = _TFPARSE_POSITION.search(message)
        file = f"{job.shown}/{match.group(1)}" if match else job.shown
        line = int(match.group(2)) if match else None
        result.errors.append(InputError(file, line, f"terraform: {message.split(': ', 1)[-1]}"))


def read_without_evaluation(job: RootJob, reason: str) -> RootResult:
    """A module that cannot be evaluated (a cycle, an evaluation that never ends): its error,
    and its resources read as written so that they are still judged."""
    result = RootResult()
    path = Path(job.path)
    folder = path.parent if path.is_file() else path
    names = {path.name: job.shown} if path.is_file() else {}
    result.errors.append(InputError(job.shown, None, reason))
    if path.is_file():
        parsed = parse_file(path, job.shown)
        if parsed.error is not None:
            result.errors.append(parsed.error)
        else:
            result.resources = attach_lines_read(
                attach_read(
                    unevaluated_resources(parsed, job.shown, job.wanted_types, "", job.shown),
                    parsed.text,
                ),
                parsed.text,
            )
        return result
    _read_unevaluated(folder, job, names, result, set())
    result.notes = _outside_notes(folder, job, _module_set(folder, job))
    return result


def _not_read(folder: Path, job: RootJob, refused: list[Refused]) -> str:
    """Why a module is not evaluated: tfparse reads every file of a folder, and some of
    this module's must not be read. Files in the scanned folder have an entry of their own
    (from the walk); the others' reasons are said here."""
    root = Path(job.scan_root).resolve() if job.scan_root else None
    named = []
    for entry in refused:
        parent = entry.path.parent.resolve()
        if root is not None and is_inside(parent, root):
            named.append(_shown_lexically(parent / entry.path.name, folder, job.shown))
        else:
            named.append(f"{parent / entry.path.name} ({entry.reason})")
    return (
        "terraform module not evaluated: "
        + ", ".join(named)
        + " not read; its other files are read as written"
    )


def _run(folder: Path, job: RootJob, names: dict[str, str]) -> RootResult:
    cycle = module_cycle(folder)
    if cycle is not None:
        caller, callee = cycle
        return read_without_evaluation(
            job, f"local module cycle: {caller} calls {callee}, which leads back to it"
        )
    modules = _module_set(folder, job)
    if modules.refused:
        return read_without_evaluation(job, _not_read(folder, job, modules.refused))
    # tfparse's own reader recurses past Python's limit on deeply nested files: such a module
    # is read as written, where the bounded parser reports the file and line.
    for tf_file in modules.files:
        if nesting_error(tf_file, str(tf_file)) is not None:
            return read_without_evaluation(
                job, f"terraform module not evaluated: {tf_file.name} is nested too deep"
            )
    result = RootResult(notes=_outside_notes(folder, job, modules))
    try:
        evaluated = _evaluate(folder, job, stop_on_error=True)
    except tfparse.ParseError as exc:
        _recover(folder, job, str(exc), result, names)
        return result
    _take_evaluated(evaluated, folder, job, names, result)
    result.errors.extend(_refused_meta_arguments(folder, job, names, evaluated, modules))
    for address, file, line, source in remote_modules(evaluated):
        result.not_scanned.append(
            NotScanned(
                file=names.get(file) or f"{job.shown}/{file}",
                line=line,
                what=address,
                reason=f"remote module source {source!r} is not downloaded",
            )
        )
    return result


def evaluate_root(job: RootJob) -> RootResult:
    """Native resources, errors and skipped modules of one root module (or one .tf file)."""
    path = Path(job.path)
    if path.is_file():
        # tfparse reads folders; a single file is evaluated alone in a folder of its own.
        with tempfile.TemporaryDirectory(prefix="mlposture-") as scratch:
            (Path(scratch) / path.name).symlink_to(path.resolve())
            result = _run(Path(scratch), job, {path.name: job.shown})
    else:
        result = _run(path, job, {})
    result.cacheable = True
    return result
