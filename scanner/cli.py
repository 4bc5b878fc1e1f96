"""The command line: options in, one call into the pipeline, a writer out."""

from __future__ import annotations

import sys
from pathlib import Path

import rich_click as click
import yaml
from rich.console import Console

from scanner import __version__
from scanner.checkov.run import CheckovOptions
from scanner.cli_audit import audit_group
from scanner.cli_audit_azure import audit_azure_command
from scanner.cli_audit_gcp import audit_gcp_command
from scanner.cli_checkov import checkov_options
from scanner.cli_common import (
    EXIT_USAGE,
    ReportFlags,
    emit,
    exit_code,
    fail_usage,
    report_options,
)
from scanner.cli_config import config_defaults, find_config, name_environment
from scanner.cli_drift import drift_command
from scanner.cli_export import export_command
from scanner.cli_help import HELP_CONFIG
from scanner.cli_history import diff_command, history_command, record_history
from scanner.cli_paths import paths_command
from scanner.cli_review import ReviewFlags, review_options
from scanner.engine.language import as_written
from scanner.engine.rules import Rule, RuleLoadError
from scanner.errors import UsageError
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, all_rules, scan
from scanner.sources.terraform.cache import default_cache_dir
from scanner.sources.terraform.loader import MODULE_MEMORY_MB, MODULE_TIMEOUT_SECONDS
from scanner.writers.rule_docs import rule_table, write_rule_docs
from scanner.writers.threats import answers, framework_name, write_threat_matrix


@click.group()
@click.rich_config(help_config=HELP_CONFIG)
@click.version_option(__version__, prog_name="mlposture")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="MLPOSTURE_CONFIG",
    help="Options from this YAML file (default: the nearest .mlposture.yaml up to the "
    "repository root). Precedence: flag > MLPOSTURE_* environment variable > file.",
)
@click.pass_context
def main(ctx: click.Context, config_file: Path | None) -> None:
    """mlposture: posture scanner for ML workloads on AWS, Azure and Google Cloud."""
    # Runs before the subcommand's options are parsed: what it sets here, they read.
    name_environment(ctx.command)
    config_file = config_file or find_config(Path.cwd())
    if config_file is not None and isinstance(ctx.command, click.Group):
        try:
            ctx.default_map = config_defaults(config_file, ctx.command)
        except UsageError as exc:
            fail_usage(exc)


def _parameters(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r}: expected KEY=VALUE", param_hint="--parameter")
        pairs.append((key.strip(), text))
    return tuple(pairs)


@main.command("scan")
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
    try:
        result = scan(list(paths), options)
    except (UsageError, RuleLoadError) as exc:
        fail_usage(exc)
    recorded = record_history(result, report, "scan")  # before writing: it marks new findings
    result = recorded.report
    emit(result, report)
    code = exit_code(result, report.fail_on, soft_fail=review.soft_fail)
    code = recorded.exit_code(code, report.fail_on, soft_fail=review.soft_fail)
    if report.exports is not None:
        code = max(code, report.exports.run(recorded.export_view(), scanned=paths))
    sys.exit(code)


def _rules(rules_dir: tuple[Path, ...]) -> list[Rule]:
    try:
        # Every rule, preview and deprecated ones too: they are listed with their status.
        return all_rules(load_catalog(), ScanOptions(rules_dirs=rules_dir))
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
@click.option(
    "--threat",
    help="Only rules answering this threat: poisoning, tampering, theft, secrets, blind-spots,"
    " or a MITRE ATLAS / OWASP ML id (AML.T0020, ML05).",
)
@click.option(
    "--framework",
    help="Only rules mapped to this standard (atlas, owasp-ml, aws-fsbp, azure-policy, ...).",
)
def rules_list(
    fmt: str, rules_dir: tuple[Path, ...], threat: str | None, framework: str | None
) -> None:
    """Every rule: id, severity, title, kind and category, status."""
    rules = _rules(rules_dir)
    if threat:
        rules = [r for r in rules if answers(r, threat)]
    if framework:
        rules = [r for r in rules if r.frameworks.get(framework_name(framework))]
    if fmt == "json":
        import json

        click.echo(json.dumps([r.model_dump(mode="json") for r in rules], indent=2))
        return
    Console().print(rule_table(rules))  # the terminal's width (80 when not a terminal)


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
    console.print(f"kind: {rule.kind}")
    if rule.status.value != "stable":
        replaced = f", replaced by {rule.replaced_by}" if rule.replaced_by else ""
        console.print(f"status: {rule.status.value}{replaced}")
    console.print()
    console.print(rule.rationale.strip() + "\n")
    written = yaml.safe_dump(as_written(rule.check), sort_keys=False).rstrip()
    console.print("[bold]check[/bold]\n" + written)
    console.print("\n[bold]remediation[/bold]")
    for source, text in rule.remediation.items():
        console.print(f"  {source}: {text.strip()}")
    if rule.frameworks:
        console.print("\n[bold]frameworks[/bold]")
        for name, ids in rule.frameworks.items():
            console.print(f"  {name}: {', '.join(ids)}")
    if rule.equivalents:
        console.print("\n[bold]equivalent checks[/bold]")
        for tool, ids in rule.equivalents.items():
            console.print(f"  {tool}: {', '.join(ids)}")
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


@rules_group.command("threats")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_threats(output: Path | None, rules_dir: tuple[Path, ...]) -> None:
    """Write the threat x cloud matrix (Markdown): which rules answer each ML threat."""
    rules = _rules(rules_dir)
    if output is None:
        write_threat_matrix(rules, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        write_threat_matrix(rules, out)


@rules_group.command("schema")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def rules_schema(output: Path | None) -> None:
    """Print the JSON Schema of rule files (editors complete and check rules with it)."""
    from scanner.engine.schema import schema_text

    if output is None:
        click.echo(schema_text(), nl=False)
        return
    output.write_text(schema_text(), encoding="utf-8")


main.add_command(export_command)
main.add_command(audit_group)
main.add_command(drift_command)
audit_group.add_command(audit_gcp_command)
audit_group.add_command(audit_azure_command)
main.add_command(history_command)
main.add_command(diff_command)
main.add_command(paths_command)
