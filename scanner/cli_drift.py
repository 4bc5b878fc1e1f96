"""`mlposture drift`: the code scanned, a live audit report read, and the two compared."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import rich_click as click

from scanner import __version__
from scanner.cli_exit import EXIT_FINDINGS, EXIT_OK, fail_usage
from scanner.drift import DriftInputError, compute_drift
from scanner.engine.rules import RuleLoadError
from scanner.errors import UsageError
from scanner.pipeline import ScanOptions, scan
from scanner.writers.drift_table import write_drift_table
from scanner.writers.html import write_html
from scanner.writers.json_text import write_indented_json


def _read_report(path: Path) -> dict[str, Any]:
    try:
        report = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail_usage(f"{path}: not a JSON report: {exc}")
    if not isinstance(report, dict) or not isinstance(report.get("results"), list):
        fail_usage(f"{path}: not an mlposture JSON report (no results)")
    return report


@click.command("drift")
@click.option(
    "--iac",
    "iac_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Infrastructure code that deploys the estate (repeatable).",
)
@click.option(
    "--live",
    "live_report",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A live audit report: `mlposture audit ... --format json --include-passed`.",
)
@click.option("--var-file", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "html"]),
    default="table",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def drift_command(
    iac_paths: tuple[Path, ...],
    live_report: Path,
    var_file: tuple[str, ...],
    fmt: str,
    output: Path | None,
) -> None:
    """Compare the code with the cloud: rules that pass in the code and fail live (drift),
    live ML resources no code declares (unmanaged), and declared ones not found live.

    Exit 1 when anything drifted or is unmanaged, 0 otherwise, 2 on a usage error."""
    live = _read_report(live_report)
    try:
        code_report = scan(
            [str(p) for p in iac_paths], ScanOptions(include_passed=True, var_files=var_file)
        )
        drift = compute_drift(code_report.as_dict(), live)
    except (UsageError, RuleLoadError, DriftInputError) as exc:
        fail_usage(exc)
    if output is not None and not output.parent.is_dir():
        fail_usage(f"cannot write {output}: folder {output.parent} does not exist")
    out = output.open("w", encoding="utf-8") if output is not None else sys.stdout
    try:
        if fmt in ("json", "html"):
            document = {
                "schema_version": "1",
                "tool": {"name": "mlposture", "version": __version__},
                "generated_at": code_report.as_dict()["generated_at"],
                "scope": {"paths": [str(p) for p in iac_paths], "live": live.get("scope", {})},
                "errors": [e.as_dict() for e in code_report.errors],
                "drift": drift.as_dict(),
            }
            if fmt == "html":
                write_html(document, out)
            else:
                write_indented_json(document, out)
                out.write("\n")
        else:
            write_drift_table(drift, out, to_terminal=output is None and sys.stdout.isatty())
    finally:
        if output is not None:
            out.close()
    changed = drift.drifted or drift.unmanaged or code_report.errors
    sys.exit(EXIT_FINDINGS if changed else EXIT_OK)
