"""`mlposture scan`: infrastructure code in, one call into the pipeline, a writer out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import rich_click as click

from scanner.cli_checkov import checkov_options
from scanner.cli_common import ReportFlags, emit, exit_code, fail_usage, report_options
from scanner.cli_rerun import answer_unchanged, rerun_for, write_and_keep
from scanner.cli_review import ReviewFlags, review_options
from scanner.errors import UsageError
from scanner.sources.terraform.limits import MODULE_MEMORY_MB, MODULE_TIMEOUT_SECONDS
from scanner.user_cache import default_cache_dir

if TYPE_CHECKING:
    from scanner.checkov.run import CheckovOptions


def _parameters(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: expected KEY=VALUE", param_hint="--parameter")
        pairs.append((key.strip(), text))
    return tuple(pairs)


@click.command("scan")
@click.argument("paths", nargs=-1, required=True)
@review_options
@checkov_options
@report_options
@click.option(
    "--skip-path",
    "skip_paths",
    multiple=True,
    metavar="GLOB",
    help="Do not read files or folders matching GLOB, relative to each scanned folder "
    "(e.g. 'examples/*', '*.plan.json'; repeatable).",
)
@click.option(
    "--module-timeout",
    type=click.FloatRange(min=1),
    default=MODULE_TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds one Terraform module may take to evaluate; past it, it is read unevaluated.",
)
@click.option(
    "--module-memory",
    type=click.IntRange(min=0),
    default=MODULE_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Memory one Terraform module's evaluation may allocate; past it, it is read "
    "unevaluated (0: no limit).",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read file links that lead out of the scanned folder (by default they are listed "
    "as not scanned).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Evaluate every Terraform module again instead of reusing the ones unchanged since "
    "an earlier scan (kept in $XDG_CACHE_HOME/mlposture, or --cache-dir).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the Terraform evaluation cache (default: the user's cache folder).",
)
@click.option(
    "--var-file",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Terraform .tfvars file (repeatable).",
)
@click.option(
    "--parameter",
    "parameters",
    multiple=True,
    metavar="KEY=VALUE",
    callback=lambda _ctx, _param, values: _parameters(values),
    help="CloudFormation parameter value, also AWS::Region=... (repeatable).",
)
def scan_command(
    paths: tuple[str, ...],
    module_timeout: float,
    module_memory: int,
    follow_symlinks: bool,
    no_cache: bool,
    cache_dir: Path | None,
    var_file: tuple[str, ...],
    parameters: tuple[tuple[str, str], ...],
    report: ReportFlags,
    skip_paths: tuple[str, ...] = (),
    review: ReviewFlags | None = None,
    checkov: CheckovOptions | None = None,
) -> None:
    """Scan infrastructure code under PATHS."""
    review = review or ReviewFlags()
    options = report.scan_options(
        skip_paths=skip_paths,
        var_files=var_file,
        parameters=parameters,
        module_timeout=module_timeout,
        module_memory_mb=module_memory,
        follow_symlinks=follow_symlinks,
        cache_dir=None if no_cache else cache_dir or default_cache_dir(),
        baseline=review.baseline,
        create_baseline=review.create_baseline,
        diff_base=review.diff_base,
        checkov=checkov,
    )
    # An unchanged tree scanned as before: the kept report, written again (cli_rerun.py).
    rerun = rerun_for(paths, options, report)
    if (
        rerun is not None
        and (code := answer_unchanged(rerun, report, review.soft_fail)) is not None
    ):
        sys.exit(code)
    # Not needed when the kept report answers.
    from scanner.cli_history import record_history
    from scanner.engine.rule_terms import RuleLoadError
    from scanner.pipeline import scan

    try:
        result = scan(list(paths), options)
    except (UsageError, RuleLoadError) as exc:
        fail_usage(exc)
    recorded = record_history(result, report, "scan")  # before writing: it marks new findings
    result = recorded.report
    if rerun is not None:
        write_and_keep(result, rerun, report)
    else:
        emit(result, report)
    code = exit_code(result, report.fail_on, soft_fail=review.soft_fail)
    code = recorded.exit_code(code, report.fail_on, soft_fail=review.soft_fail)
    if report.exports is not None and report.exports.destinations:
        code = max(code, report.exports.run(recorded.export_view(), scanned=paths))
    sys.exit(code)
