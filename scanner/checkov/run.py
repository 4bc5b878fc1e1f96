"""Run Checkov as a subprocess on the scanned paths (`scan --with-checkov`).

Checkov lives in its own environment (pipx, a virtualenv, the container image): it pins old
versions of libraries mlposture uses, so it is never imported, only run. One run per scanned
path (`-d FOLDER` or `-f FILE`: Checkov takes one or the other, and repeated `-d` prints
overlapping reports), on the frameworks mlposture reads. Checkov exits 1 when a check fails:
its exit code is not an error as long as it printed a report.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scanner.checkov.report_reader import (
    CheckovCheck,
    CheckovError,
    CheckovRun,
    read_report_text,
)

log = logging.getLogger(__name__)

# The frameworks of the files mlposture reads (and Bicep, which Checkov reads directly).
FRAMEWORKS = ("terraform", "terraform_plan", "cloudformation", "arm", "bicep")
# Checkov on a 5,000-file tree takes minutes (docs/benchmark.md); past this it is stopped.
TIMEOUT_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class CheckovOptions:
    """How Checkov's results reach the scan: a run (`binary`) or a report file (`report`)."""

    binary: str | None = None  # --with-checkov: this executable, or `checkov` on PATH
    report: Path | None = None  # --checkov-report FILE
    timeout: float = TIMEOUT_SECONDS

    @property
    def runs(self) -> bool:
        return self.report is None

    def at_base(self) -> CheckovOptions | None:
        """The options of the scan at `--diff-base`: a report describes only the current
        tree, so the base is scanned without it; a run runs there too."""
        return self if self.runs else None


def find_binary(binary: str | None) -> str:
    """The Checkov executable: `binary` (a path or a name on PATH), else `checkov`."""
    wanted = binary or "checkov"
    found = shutil.which(wanted)
    if found is None:
        hint = "" if binary else " (install it with pipx, or give --checkov-bin PATH)"
        raise CheckovError(f"Checkov executable {wanted!r} not found{hint}")
    return found


def _command(executable: str, path: Path, var_files: tuple[str, ...]) -> list[str]:
    target = ["-d", str(path)] if path.is_dir() else ["-f", str(path)]
    command = [executable, *target, "--framework", *FRAMEWORKS, "-o", "json"]
    # No calls home (no API key is given); external modules are not fetched, like mlposture.
    command += ["--skip-download", "--download-external-modules", "false"]
    for var_file in var_files:
        command += ["--var-file", var_file]
    return command


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def run_checkov(
    paths: list[Path],
    binary: str | None,
    var_files: tuple[str, ...] = (),
    timeout: float = TIMEOUT_SECONDS,
) -> CheckovRun:
    """Checkov's checks over `paths`, one run each; a CheckovError when it cannot run or
    prints no report (its message says why: not found, exit code and last line, timeout)."""
    executable = find_binary(binary)
    checks: list[CheckovCheck] = []
    versions: list[str | None] = []
    unparsed: list[str] = []
    for path in paths:
        command = _command(executable, path, var_files)
        log.info("running %s", " ".join(command))
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise CheckovError(f"Checkov did not finish on {path} in {timeout:.0f} s") from exc
        except OSError as exc:
            raise CheckovError(f"cannot run Checkov ({executable}): {exc.strerror}") from exc
        origin = f"Checkov on {path} (exit code {done.returncode})"
        if not done.stdout.strip():
            said = _last_line(done.stderr)
            raise CheckovError(f"{origin} printed no report" + (f": {said}" if said else ""))
        try:
            run = read_report_text(done.stdout, origin)
        except CheckovError as exc:
            said = _last_line(done.stderr)
            raise CheckovError(str(exc) + (f"; it said: {said}" if said else "")) from exc
        checks.extend(run.checks)
        versions.append(run.version)
        unparsed.extend(run.parsing_errors)
    version = next((v for v in versions if v), None)
    return CheckovRun(tuple(checks), version, tuple(dict.fromkeys(unparsed)))
