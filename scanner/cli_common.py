"""What the commands share: the report options (format, output, thresholds, rule selection,
export), writing the report, the exit code, and the live audits' progress bar."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import rich_click as click

# Re-exported: callers (and tests) read the exit codes from here too.
from scanner.cli_exit import EXIT_FINDINGS as EXIT_FINDINGS
from scanner.cli_exit import EXIT_OK as EXIT_OK
from scanner.cli_exit import EXIT_USAGE as EXIT_USAGE
from scanner.cli_exit import fail_usage as fail_usage
from scanner.cli_export import ExportPlan, export_options
from scanner.cli_history_flags import HistoryFlags, history_options
from scanner.engine.rule_terms import STANDARDS, Severity
from scanner.errors import UsageError
from scanner.model.text import terminal_safe
from scanner.scan_options import ScanOptions
from scanner.writers import FORMATS, WriteOptions, asff_target, write_report

# Every scan parses these options, and one answered from the run cache (cli_rerun.py) needs
# nothing else here: the pipeline, the report model, rich's console and the history store
# (Polars, pydantic, SQLAlchemy) are imported where they are used.
if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from scanner.report import Report
    from scanner.sources.live.common import LiveSource

SEVERITIES = [s.value for s in Severity]


@dataclass(frozen=True, slots=True)
class ReportFlags:
    """The options every scan and audit takes, as one value."""

    fmt: str = "table"
    output: Path | None = None
    include_passed: bool = False
    fail_on: Severity = Severity.INFO
    only_rules: tuple[str, ...] = ()
    skip_rules: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    preview: bool = False
    rules_dirs: tuple[Path, ...] = ()
    write: WriteOptions = field(default_factory=WriteOptions)
    exports: ExportPlan | None = None
    # More reports of the same run: (format, file), from --output-format FORMAT=PATH.
    more_outputs: tuple[tuple[str, Path], ...] = ()
    history: HistoryFlags = field(default_factory=HistoryFlags)  # --store, --fail-on-new, ...

    def scan_options(self, **more: Any) -> ScanOptions:
        return ScanOptions(
            include_passed=self.include_passed,
            only_rules=self.only_rules,
            skip_rules=self.skip_rules,
            frameworks=self.frameworks,
            preview=self.preview,
            rules_dirs=self.rules_dirs,
            **more,
        )


def exit_code(report: Report, fail_on: Severity, soft_fail: bool = False) -> int:
    if not report.readable:
        return EXIT_USAGE
    if report.errors or (not soft_fail and report.failed_at_or_above(fail_on)):
        return EXIT_FINDINGS
    return EXIT_OK


def emit(report: Report, flags: ReportFlags) -> None:
    """Write the report to the output file or stdout, and each --output-format report to its
    file; a format that cannot be written exits 2 before any file is created."""
    targets = [(flags.fmt, flags.output), *flags.more_outputs]
    if any(fmt == "asff" for fmt, _ in targets):
        try:
            asff_target(report, flags.write)
        except UsageError as exc:
            fail_usage(exc)
    for _, output in targets:
        if output is not None and not output.parent.is_dir():
            fail_usage(f"cannot write {output}: folder {output.parent} does not exist")
    for fmt, output in targets:
        with ExitStack() as stack:
            if output is not None:
                try:
                    out: TextIO = stack.enter_context(output.open("w", encoding="utf-8"))
                except OSError as exc:
                    fail_usage(f"cannot write {output}: {exc.strerror}")
            else:
                out = sys.stdout
            to_terminal = output is None and sys.stdout.isatty()
            write_report(report, fmt, out, replace(flags.write, to_terminal=to_terminal))
    if flags.output is not None or flags.fmt != "table":
        echo_errors(report)


def _output_formats(values: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    pairs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(
                f"{value!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}",
                param_hint="--output-format",
            )
        pairs.append((fmt, Path(path)))
    return tuple(pairs)


class _StderrWarnings(logging.Handler):
    """The run's warnings (a replaced rule id named, ...) as `mlposture: warning: ...`."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(terminal_safe(f"mlposture: warning: {record.getMessage()}"), err=True)


def _warnings_to_stderr() -> None:
    logger = logging.getLogger("scanner")
    if not any(isinstance(h, _StderrWarnings) for h in logger.handlers):
        logger.addHandler(_StderrWarnings(logging.WARNING))


def echo_errors(report: Report) -> None:
    """Input errors on stderr too, when the report itself goes to a file or is not a table:
    a CI log must show that a file could not be read."""
    for error in report.errors:
        where = f"{error.file}:{error.line}" if error.line else error.file
        click.echo(terminal_safe(f"mlposture: error: {where}: {error.message}"), err=True)


def _aws_target_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--aws-account-id / --aws-region: where ASFF findings are imported (scan and audit)."""
    account = click.option(
        "--aws-account-id",
        envvar="MLPOSTURE_AWS_ACCOUNT_ID",
        help="--format asff: the Security Hub account (default: the audited account).",
    )
    region = click.option(
        "--aws-region",
        envvar="AWS_REGION",
        help="--format asff: the Security Hub region (default: the audited region).",
    )
    return account(region(command))


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add what `scan` and `audit` share; the command receives it as `report: ReportFlags`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        fmt: str,
        output: Path | None,
        include_passed: bool,
        fail_on: str,
        only_rules: tuple[str, ...],
        skip_rules: tuple[str, ...],
        rules_dir: tuple[Path, ...],
        aws_account_id: str | None,
        aws_region: str | None,
        output_formats: tuple[tuple[str, Path], ...] = (),
        exports: ExportPlan | None = None,
        frameworks: tuple[str, ...] = (),
        preview: bool = False,
        history: HistoryFlags | None = None,
        **kwargs: Any,
    ) -> Any:
        _warnings_to_stderr()
        kwargs["report"] = ReportFlags(
            fmt=fmt,
            output=output,
            include_passed=include_passed,
            fail_on=Severity(fail_on),
            only_rules=only_rules,
            skip_rules=skip_rules,
            frameworks=frameworks,
            preview=preview,
            rules_dirs=rules_dir,
            write=WriteOptions(aws_account_id=aws_account_id, aws_region=aws_region),
            exports=exports,
            more_outputs=output_formats,
            history=history or HistoryFlags(),
        )
        return command(*args, **kwargs)

    decorators: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option(
            "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
        ),
        _aws_target_options,
        export_options,
        history_options,
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report here.",
        ),
        click.option(
            "--output-format",
            "output_formats",
            multiple=True,
            metavar="FORMAT=PATH",
            callback=lambda _ctx, _param, values: _output_formats(values),
            help="Also write the report in FORMAT to PATH, from the same run "
            "(e.g. sarif=results.sarif; repeatable).",
        ),
        click.option("--include-passed", is_flag=True, help="List passed checks too."),
        click.option(
            "--fail-on",
            type=click.Choice(SEVERITIES),
            default="info",
            show_default=True,
            help="Exit 1 when a finding of this severity or above fails.",
        ),
        click.option(
            "--rule",
            "only_rules",
            multiple=True,
            metavar="ID",
            help="Run only this rule: id, slug or glob such as 'MLP-AWS-SM-*' (repeatable).",
        ),
        click.option(
            "--skip-rule",
            "skip_rules",
            multiple=True,
            metavar="ID",
            help="Skip this rule: id, slug or glob (repeatable).",
        ),
        click.option(
            "--framework",
            "frameworks",
            multiple=True,
            type=click.Choice(sorted(STANDARDS)),
            metavar="NAME",
            help="Run only the rules mapped to this standard (repeatable): "
            + ", ".join(sorted(STANDARDS))
            + ".",
        ),
        click.option("--preview", is_flag=True, help="Run the preview rules too."),
        click.option(
            "--rules-dir",
            multiple=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="A folder of your own rules (repeatable).",
        ),
    ]
    decorated: Callable[..., Any] = wrapper
    for decorator in reversed(decorators):
        decorated = decorator(decorated)
    return decorated


class AuditProgress:
    """A rich progress bar per account and region, on stderr when it is a terminal."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[tuple[str, str], TaskID] = {}
        self._totals: dict[tuple[str, str], int] = {}

    def add(self, account: str, region: str, total: int) -> None:
        key = (account, region)
        self._totals[key] = self._totals.get(key, 0) + total
        if key not in self._tasks:
            self._tasks[key] = self._progress.add_task(f"{account} {region}", total=total)
        else:
            self._progress.update(self._tasks[key], total=self._totals[key])

    def advance(self, account: str, region: str) -> None:
        self._progress.advance(self._tasks[(account, region)])


def run_audit(source: LiveSource, flags: ReportFlags) -> NoReturn:
    """Audit with the report options, write the report, export it, exit with its code.

    Exit codes as for `scan`: 1 also when any part of the estate could not be read (listed
    under errors), 2 when the credentials do not work at all."""
    from rich.console import Console
    from rich.progress import Progress

    from scanner.cli_history import record_history
    from scanner.engine.rule_terms import RuleLoadError
    from scanner.pipeline import audit

    console = Console(stderr=True)
    try:
        with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
            report = audit(source, flags.scan_options(), AuditProgress(bar))
    except (UsageError, RuleLoadError) as exc:
        fail_usage(exc)
    if not report.readable:
        click.echo(f"mlposture: {report.errors[0].message}", err=True)
    recorded = record_history(report, flags, "audit")  # before writing: it marks new findings
    report = recorded.report
    emit(report, flags)
    code = recorded.exit_code(exit_code(report, flags.fail_on), flags.fail_on)
    if flags.exports is not None and flags.exports.destinations:
        code = max(code, flags.exports.run(recorded.export_view()))
    sys.exit(code)
