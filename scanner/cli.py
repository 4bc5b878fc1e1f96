"""The command line: options in, one call into the pipeline, a writer out.

Each subcommand lives in a module of its own, imported only when it runs (or when `--help`
lists it): `COMMANDS` is the one table of them, name -> "module:attribute".
"""

from __future__ import annotations

from pathlib import Path

import rich_click as click

from scanner import __version__
from scanner.cli_config import config_defaults, find_config, name_environment
from scanner.cli_exit import fail_usage
from scanner.cli_help import HELP_CONFIG
from scanner.cli_lazy import LazyGroup
from scanner.errors import UsageError

COMMANDS = {
    "scan": "scanner.cli_scan:scan_command",
    "rules": "scanner.cli_rules:rules_group",
    "audit": "scanner.cli_audit:audit_group",
    "drift": "scanner.cli_drift:drift_command",
    "export": "scanner.cli_export:export_command",
    "history": "scanner.cli_history:history_command",
    "diff": "scanner.cli_history:diff_command",
    "paths": "scanner.cli_paths:paths_command",
}


@click.group(cls=LazyGroup, lazy_commands=COMMANDS)
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
        if isinstance(ctx.command, LazyGroup):
            ctx.command.load_all()  # the file is checked against every command's options
        try:
            ctx.default_map = config_defaults(config_file, ctx.command)
        except UsageError as exc:
            fail_usage(exc)
