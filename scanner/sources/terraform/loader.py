"""Load every Terraform root module under the scanned paths, in parallel processes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from scanner.errors import InputError
from scanner.sources.terraform.cache import RootCache, evaluate_cached
from scanner.sources.terraform.discover import TERRAFORM_SUFFIXES, discover
from scanner.sources.terraform.evaluate import RootJob, RootResult
from scanner.sources.terraform.limits import MODULE_MEMORY_MB as MODULE_MEMORY_MB
from scanner.sources.terraform.limits import MODULE_TIMEOUT_SECONDS as MODULE_TIMEOUT_SECONDS
from scanner.sources.terraform.workers import evaluate_in_workers
from scanner.sources.walk import SourceLoad, refusal

log = logging.getLogger(__name__)


def _run_jobs(
    jobs: list[RootJob],
    workers: int | None,
    timeout: float,
    memory_mb: int,
    cache: RootCache | None,
) -> list[RootResult]:
    """In this process when asked for one worker (tests, embedding), else in watched workers;
    with a `cache`, a module whose inputs did not change since it was cached is read from it.

    Worker processes are also what keeps a module whose evaluation never ends (or never
    stops allocating) from hanging the scan, so a command-line scan always uses them.
    """
    if workers == 1:
        return [evaluate_cached(job, cache) for job in jobs]
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    return evaluate_in_workers(jobs, count, timeout, memory_mb, cache) if jobs else []


def _shown(path: Path, scanned: Path, shown: str) -> str:
    if path == scanned:
        return shown
    return str(Path(shown) / path.relative_to(scanned))


def load_terraform(
    paths: list[tuple[Path, str]],
    wanted_types: frozenset[str],
    var_files: tuple[str, ...] = (),
    workers: int | None = None,
    timeout: float = MODULE_TIMEOUT_SECONDS,
    skip_paths: tuple[str, ...] = (),
    cache: RootCache | None = None,
    *,
    follow_symlinks: bool = False,
    memory_mb: int = MODULE_MEMORY_MB,
) -> SourceLoad:
    """Evaluate each root module (or single .tf file) in `paths` (path, as shown); with a
    `cache`, a module whose inputs did not change since it was cached is not evaluated.
    Each worker may allocate `memory_mb` (0: no limit; none with `workers=1`)."""
    jobs: list[RootJob] = []
    load = SourceLoad()
    # A FIFO given as --var-file would hold every evaluation until its timeout.
    for var_file in var_files:
        why = refusal(Path(var_file), None, follow_symlinks=True)
        if why is not None:
            load.errors.append(InputError(var_file, None, why.reason))
    var_files = tuple(v for v in var_files if refusal(Path(v), None, True) is None)
    for path, shown in paths:
        if path.is_file():
            if path.name.endswith(TERRAFORM_SUFFIXES):
                jobs.append(RootJob(str(path), shown, wanted_types, var_files))
                load.files += 1
            continue
        tree = discover([path], skip_paths, follow_symlinks)
        load.files += tree.files
        scan_root = str(path.resolve())
        jobs.extend(
            RootJob(
                str(root),
                _shown(root, path, shown),
                wanted_types,
                var_files,
                scan_root=scan_root,
                follow_symlinks=follow_symlinks,
            )
            for root in tree.roots
        )
    results = _run_jobs(jobs, workers, timeout, memory_mb, cache)
    load.complete = all(result.cacheable for result in results)
    seen_remote: set[tuple[str, str]] = set()
    seen_errors: set[tuple[str, int | None, str]] = set()
    for result in results:
        load.resources.extend(result.resources)
        load.resources_read += result.resources_read
        # A local module that several roots call is read by each; its errors are said once.
        for error in result.errors:
            if (error.file, error.line, error.message) not in seen_errors:
                seen_errors.add((error.file, error.line, error.message))
                load.errors.append(error)
        load.notes.extend(n for n in result.notes if n not in load.notes)
        for skipped in result.not_scanned:
            if (skipped.file, skipped.what) not in seen_remote:
                seen_remote.add((skipped.file, skipped.what))
                load.not_scanned.append(skipped)
    log.debug("terraform: %d roots, %d resources", len(jobs), len(load.resources))
    return load
