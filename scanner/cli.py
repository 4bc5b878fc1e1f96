"""The command line: options in, one call into the pipeline, a writer out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click
import yaml
from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table

from scanner import __version__
from scanner.cli_export import ExportPlan, export_command, export_options
from scanner.cli_review import ReviewFlags, review_options
from scanner.engine.rules import Rule, RuleLoadError, Severity
from scanner.errors import UsageError
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, audit, scan, select_rules
from scanner.report import Report
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from scanner.sources.live.aws.options import (
    DEFAULT_JOBS_SINCE_DAYS,
    DEFAULT_ORG_ROLE,
    DEFAULT_WORKERS,
)
from scanner.sources.terraform.loader import MODULE_TIMEOUT_SECONDS
from scanner.writers import FORMATS, WriteOptions, asff_target, write_report
from scanner.writers.rule_docs import write_rule_docs

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_SEVERITIES = [s.value for s in Severity]


@click.group()
@click.version_option(__version__, prog_name="mlposture")
def main() -> None:
    """mlposture: posture scanner for ML workloads on AWS, Azure and Google Cloud."""


def _exit_code(report: Report, fail_on: Severity, soft_fail: bool = False) -> int:
    if not report.readable:
        return EXIT_USAGE
    if report.errors or (not soft_fail and report.failed_at_or_above(fail_on)):
        return EXIT_FINDINGS
    return EXIT_OK


def _write(
    report: Report, fmt: str, out: TextIO, to_terminal: bool, options: WriteOptions | None = None
) -> None:
    write_report(report, fmt, out, replace(options or WriteOptions(), to_terminal=to_terminal))


def _emit(report: Report, fmt: str, output: Path | None, options: WriteOptions) -> None:
    """Write the report to `output` or stdout; a format that cannot be written exits 2
    before the output file is created."""
    if fmt == "asff":
        try:
            asff_target(report, options)
        except UsageError as exc:
            click.echo(f"mlposture: {exc}", err=True)
            sys.exit(EXIT_USAGE)
    with ExitStack() as stack:
        if output is not None:
            out: TextIO = stack.enter_context(output.open("w", encoding="utf-8"))
        else:
            out = sys.stdout
        _write(report, fmt, out, output is None and sys.stdout.isatty(), options)


def aws_target_options(command: Callable[..., None]) -> Callable[..., None]:
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


def _parameters(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: expected KEY=VALUE", param_hint="--parameter")
        pairs.append((key.strip(), text))
    return tuple(pairs)


def report_options(command: Callable[..., None]) -> Callable[..., None]:
    """What `scan` and `audit` share: format, output, export, thresholds and rule selection."""
    decorators: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        click.option(
            "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
        ),
        aws_target_options,
        export_options,
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report here.",
        ),
        click.option("--include-passed", is_flag=True, help="List passed checks too."),
        click.option(
            "--fail-on",
            type=click.Choice(_SEVERITIES),
            default="info",
            show_default=True,
            help="Exit 1 when a finding of this severity or above fails.",
        ),
        click.option(
            "--rule", "only_rules", multiple=True, help="Run only this rule (repeatable)."
        ),
        click.option(
            "--skip-rule", "skip_rules", multiple=True, help="Skip this rule (repeatable)."
        ),
        click.option(
            "--rules-dir",
            multiple=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="A folder of your own rules (repeatable).",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@main.command("scan")
@click.argument("paths", nargs=-1, required=True)
@review_options
@report_options
@click.option(
    "--module-timeout",
    type=click.FloatRange(min=1),
    default=MODULE_TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds one Terraform module may take to evaluate; past it, it is read unevaluated.",
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
    fmt: str,
    output: Path | None,
    include_passed: bool,
    fail_on: str,
    only_rules: tuple[str, ...],
    skip_rules: tuple[str, ...],
    rules_dir: tuple[Path, ...],
    module_timeout: float,
    var_file: tuple[str, ...],
    parameters: tuple[tuple[str, str], ...],
    aws_account_id: str | None = None,
    aws_region: str | None = None,
    exports: ExportPlan | None = None,
    review: ReviewFlags | None = None,
) -> None:
    """Scan infrastructure code under PATHS."""
    review = review or ReviewFlags()
    options = ScanOptions(
        include_passed=include_passed,
        only_rules=only_rules,
        skip_rules=skip_rules,
        rules_dirs=rules_dir,
        var_files=var_file,
        parameters=parameters,
        module_timeout=module_timeout,
        baseline=review.baseline,
        create_baseline=review.create_baseline,
        diff_base=review.diff_base,
    )
    try:
        report = scan(list(paths), options)
    except (UsageError, RuleLoadError) as exc:
        click.echo(f"mlposture: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    _emit(report, fmt, output, WriteOptions(aws_account_id=aws_account_id, aws_region=aws_region))
    code = _exit_code(report, Severity(fail_on), soft_fail=review.soft_fail)
    if exports is not None:
        code = max(code, exports.run(report.as_dict(), scanned=paths))
    sys.exit(code)


class _AuditProgress:
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


def _regions(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    regions = tuple(r.strip() for r in value.split(",") if r.strip())
    if not regions or ("all" in regions and len(regions) > 1):
        raise click.BadParameter("give all, or a list such as eu-west-1,us-east-1")
    return regions


@main.group("audit")
def audit_group() -> None:
    """Audit live cloud accounts with the same rules as `scan`."""


@audit_group.command("aws")
@click.option(
    "--regions",
    callback=lambda _ctx, _param, value: _regions(value),
    help="all (every enabled region) or r1,r2; default: the profile's / AWS_REGION's region.",
)
@click.option("--profile", help="AWS profile (default: boto3's standard credential chain).")
@click.option(
    "--role-arn",
    "role_arns",
    multiple=True,
    help="Assume this role: one account each (repeatable).",
)
@click.option("--external-id", help="External ID for --role-arn.")
@click.option("--org", is_flag=True, help="Every active account of the organization.")
@click.option(
    "--org-role-name",
    default=DEFAULT_ORG_ROLE,
    show_default=True,
    help="--org: the role assumed in each member account.",
)
@click.option(
    "--jobs-since",
    type=click.IntRange(min=1),
    default=DEFAULT_JOBS_SINCE_DAYS,
    show_default=True,
    metavar="DAYS",
    help="Training and processing jobs created in the last DAYS days, and all running ones.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Concurrent API readers.",
)
@report_options
def audit_aws_command(
    regions: tuple[str, ...],
    profile: str | None,
    role_arns: tuple[str, ...],
    external_id: str | None,
    org: bool,
    org_role_name: str,
    jobs_since: int,
    workers: int,
    fmt: str,
    output: Path | None,
    include_passed: bool,
    fail_on: str,
    only_rules: tuple[str, ...],
    skip_rules: tuple[str, ...],
    rules_dir: tuple[Path, ...],
    aws_account_id: str | None = None,
    aws_region: str | None = None,
    exports: ExportPlan | None = None,
) -> None:
    """Audit live AWS accounts: SageMaker and the roles, keys and buckets around it.

    Exit codes as for `scan`: 1 also when any (account, region, service) could not be read
    (listed under errors), 2 when the credentials do not work at all.
    """
    options = ScanOptions(
        include_passed=include_passed,
        only_rules=only_rules,
        skip_rules=skip_rules,
        rules_dirs=rules_dir,
    )
    live = AwsAuditOptions(
        regions=regions,
        profile=profile,
        role_arns=role_arns,
        external_id=external_id,
        org=org,
        org_role_name=org_role_name,
        jobs_since_days=jobs_since,
        workers=workers,
    )
    console = Console(stderr=True)
    try:
        with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
            report = audit(aws_source(live), options, _AuditProgress(bar))
    except (UsageError, RuleLoadError) as exc:
        click.echo(f"mlposture: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if not report.readable:
        click.echo(f"mlposture: {report.errors[0].message}", err=True)
    _emit(report, fmt, output, WriteOptions(aws_account_id=aws_account_id, aws_region=aws_region))
    code = _exit_code(report, Severity(fail_on))
    if exports is not None:
        code = max(code, exports.run(report.as_dict()))
    sys.exit(code)


def _rules(rules_dir: tuple[Path, ...]) -> list[Rule]:
    try:
        return select_rules(load_catalog(), ScanOptions(rules_dirs=rules_dir))
    except (UsageError, RuleLoadError) as exc:
        click.echo(f"mlposture: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@main.group("rules")
def rules_group() -> None:
    """List and explain the rules."""


@rules_group.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_list(fmt: str, rules_dir: tuple[Path, ...]) -> None:
    """Every rule: id, severity, category, kind, title."""
    rules = _rules(rules_dir)
    if fmt == "json":
        import json

        click.echo(json.dumps([r.model_dump(mode="json") for r in rules], indent=2))
        return
    table = Table("id", "severity", "category", "kind", "title")
    for rule in rules:
        table.add_row(rule.id, rule.severity.value, rule.category.value, rule.kind, rule.title)
    Console(width=160).print(table)


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_show(rule_id: str, rules_dir: tuple[Path, ...]) -> None:
    """One rule in full: why it matters, how to fix it, what it maps to."""
    matches = [r for r in _rules(rules_dir) if rule_id in (r.id, r.slug)]
    if not matches:
        click.echo(f"mlposture: unknown rule {rule_id}", err=True)
        sys.exit(EXIT_USAGE)
    rule = matches[0]
    console = Console(width=100)
    console.print(
        f"[bold]{rule.id}[/bold] ({rule.slug})  {rule.severity.value}  {rule.category.value}"
    )
    console.print(f"[bold]{rule.title}[/bold]")
    console.print(f"kind: {rule.kind}\n")
    console.print(rule.rationale.strip() + "\n")
    console.print("[bold]check[/bold]\n" + yaml.safe_dump(rule.check, sort_keys=False).rstrip())
    console.print("\n[bold]remediation[/bold]")
    for source, text in rule.remediation.items():
        console.print(f"  {source}: {text.strip()}")
    if rule.frameworks:
        console.print("\n[bold]frameworks[/bold]")
        for name, ids in rule.frameworks.items():
            console.print(f"  {name}: {', '.join(ids)}")
    for ref in rule.references:
        console.print(f"  {ref}")


@rules_group.command("docs")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_docs(output: Path | None, rules_dir: tuple[Path, ...]) -> None:
    """Write the rule documentation (Markdown) generated from the rule files."""
    rules = _rules(rules_dir)
    if output is None:
        write_rule_docs(rules, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        write_rule_docs(rules, out)


main.add_command(export_command)
