"""What a scan is asked to do besides its paths: the options of `mlposture scan` and
`audit` as one value.

Apart from the pipeline (scanner/pipeline.py), which re-exports it: the command line builds
it for every scan, and a scan answered from the run cache (scanner/cli_rerun.py) keys on it
without loading the pipeline, the rules or Polars.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.sources.terraform.limits import MODULE_MEMORY_MB, MODULE_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from scanner.checkov.run import CheckovOptions
    from scanner.engine.selection import Selection


@dataclass(frozen=True, slots=True)
class ScanOptions:
    include_passed: bool = False
    only_rules: tuple[str, ...] = ()  # ids, slugs or globs (MLP-AWS-SM-*)
    skip_rules: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()  # only rules mapped to one of these standards
    preview: bool = False  # preview rules run too
    rules_dirs: tuple[Path, ...] = ()
    builtin_rules: bool = True
    var_files: tuple[str, ...] = ()
    workers: int | None = None  # 1: evaluate in this process, unwatched
    module_timeout: float = MODULE_TIMEOUT_SECONDS
    module_memory_mb: int = MODULE_MEMORY_MB  # per evaluation worker; 0: no limit
    follow_symlinks: bool = False  # file links leading out of a scanned folder are read
    # CloudFormation parameter values, KEY -> VALUE (pseudo parameters too: AWS::Region).
    parameters: tuple[tuple[str, str], ...] = ()
    # Pull requests: accepted failures, a file to write them to, a git ref to compare with.
    baseline: Path | None = None
    create_baseline: Path | None = None
    diff_base: str | None = None
    # Globs of files and folders under the scanned paths that are not read (--skip-path).
    skip_paths: tuple[str, ...] = ()
    # Evaluated Terraform root modules are kept here and reused while unchanged (None: off).
    cache_dir: Path | None = None
    # Checkov's results merged in (--with-checkov, --checkov-report): scanner/checkov.
    checkov: CheckovOptions | None = None

    @property
    def selection(self) -> Selection:
        """--rule / --skip-rule, --framework and --preview (scanner/engine/selection.py)."""
        from scanner.engine.selection import Selection

        return Selection(self.only_rules, self.skip_rules, self.frameworks, self.preview)
