"""The `export` command and the `--export` options that `scan` and `audit` share.

Kept apart from cli.py so the export surface is one module; cli.py registers the command and
decorates its commands with `export_options`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rich_click as click

from scanner.exporters import (
    Destination,
    ExportFailure,
    ExportOutcome,
    Target,
    default_spool_dir,
    export_report,
)
from scanner.exporters.base import redact
from scanner.exporters.spool import ensure_outside

TOKEN_ENV = "MLPOSTURE_HEC_TOKEN"
SCOPE_ENV = "MLPOSTURE_EXPORT_SCOPE"
EXIT_OK, EXIT_UNDELIVERED, EXIT_USAGE = 0, 1, 2
_TARGETS = [t.value for t in Target]


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """The destinations a scan or audit ships its report to (none: nothing to do)."""

    destinations: tuple[Destination, ...] = ()
    spool_dir: Path | None = None

    def run(self, report: Mapping[str, Any], scanned: Sequence[str] = ()) -> int:
        """Ship `report` (JSON contract) to every destination; 1 if anything stayed behind."""
        if not self.destinations:
            return EXIT_OK
        root = self.spool_dir or default_spool_dir()
        try:
            ensure_outside(root, [Path(p) for p in scanned])
        except ValueError as exc:
            click.echo(f"mlposture: export: {exc}", err=True)
            return EXIT_UNDELIVERED
        code = EXIT_OK
        for destination in self.destinations:
            outcome = _run_one(report, destination, root)
            code = max(code, EXIT_OK if outcome.ok else EXIT_UNDELIVERED)
        return code


def _run_one(
    report: Mapping[str, Any] | None, destination: Destination, spool_root: Path
) -> ExportOutcome:
    if not destination.verify_tls:
        click.echo(
            f"mlposture: WARNING: TLS certificate verification is OFF for "
            f"{destination.describe()}; anyone on the path can read and forge this export",
            err=True,
        )
    try:
        outcome = export_report(report, destination, spool_root=spool_root)
    except ExportFailure as exc:  # the destination itself is unusable (bad URL, no token)
        said = redact(str(exc), destination.secrets())
        outcome = ExportOutcome(
            destination.describe(), errors=[f"{destination.describe()}: {said}"]
        )
    except OSError as exc:  # the spool folder cannot be written
        outcome = ExportOutcome(destination.describe(), errors=[f"spool {spool_root}: {exc}"])
    _say(outcome)
    return outcome


def _say(outcome: ExportOutcome) -> None:
    line = f"mlposture: export to {outcome.destination}: {outcome.delivered} delivered"
    if outcome.replayed:
        line += f" ({outcome.replayed} from the spool)"
    if outcome.retired:
        line += f", {outcome.retired} archived"
    if outcome.spooled:
        line += f", {outcome.spooled} kept in the spool for the next run"
    click.echo(line, err=True)
    for error in outcome.errors:
        click.echo(f"mlposture: export error: {error}", err=True)


def parse_destination(
    value: str, *, verify_tls: bool, ca_file: str | None, scope: str
) -> Destination:
    """`splunk-hec=https://host:8088`, `syslog=tls://host:6514`, `securityhub[=REGION]`."""
    name, _, address = value.partition("=")
    if name not in _TARGETS:
        raise click.BadParameter(
            f"{value!r}: expected one of {', '.join(_TARGETS)}, then =URL", param_hint="--export"
        )
    target = Target(name)
    if target is Target.SECURITYHUB:
        return Destination(target, region=address or None, scope=scope, verify_tls=verify_tls)
    if not address:
        raise click.BadParameter(f"{value!r}: {name} needs =URL", param_hint="--export")
    token = _env_token() if target is Target.SPLUNK_HEC else None
    return Destination(target, address, token=token, verify_tls=verify_tls, ca_file=ca_file)


def _env_token() -> str | None:
    return os.environ.get(TOKEN_ENV) or None


def export_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --export and its companions; the command receives them as `exports: ExportPlan`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        export: tuple[str, ...],
        spool_dir: Path | None,
        export_insecure: bool,
        export_ca_file: str | None,
        export_scope: str,
        **kwargs: Any,
    ) -> Any:
        destinations = tuple(
            parse_destination(
                value, verify_tls=not export_insecure, ca_file=export_ca_file, scope=export_scope
            )
            for value in export
        )
        kwargs["exports"] = ExportPlan(destinations, spool_dir)
        return command(*args, **kwargs)

    options = [
        click.option(
            "--export",
            multiple=True,
            metavar="TARGET=URL",
            help="Also ship the findings: splunk-hec=https://HOST:8088, "
            "syslog=udp|tcp|tls://HOST:PORT, securityhub[=REGION] (repeatable). "
            f"HEC token from ${TOKEN_ENV}.",
        ),
        click.option(
            "--spool-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where undelivered findings wait (default: the user cache folder).",
        ),
        click.option(
            "--export-insecure", is_flag=True, help="Do not verify the receiver's TLS certificate."
        ),
        click.option(
            "--export-ca-file",
            type=click.Path(exists=True, dir_okay=False),
            help="CA bundle for the receiver's TLS certificate.",
        ),
        click.option(
            "--export-scope",
            envvar=SCOPE_ENV,
            default="default",
            show_default=True,
            help="Security Hub: the estate whose findings this run may archive.",
        ),
    ]
    decorated: Callable[..., Any] = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def _load_report(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"{path}: cannot read: {exc}") from None
    try:
        report = json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.UsageError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    if not isinstance(report, dict) or not isinstance(report.get("results"), list):
        raise click.UsageError(f"{path}: not an mlposture JSON report (no results list)")
    return report


@click.command("export")
@click.argument(
    "results_file",
    metavar="RESULTS.json",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--to", "target", type=click.Choice(_TARGETS), required=True)
@click.option(
    "--url",
    default="",
    help="HEC: https://HOST:8088; syslog: udp|tcp|tls://HOST:PORT; "
    "securityhub: an endpoint URL (optional).",
)
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    show_envvar=True,
    help="Splunk HEC token (prefer the environment variable: a command line is visible).",
)
@click.option("--region", help="Security Hub region (default: the AWS configuration's).")
@click.option(
    "--scope",
    envvar=SCOPE_ENV,
    default="default",
    show_default=True,
    help="Security Hub: findings of this scope missing from the report are archived.",
)
@click.option("--insecure", is_flag=True, help="Do not verify the receiver's TLS certificate.")
@click.option("--ca-file", type=click.Path(exists=True, dir_okay=False), help="CA bundle.")
@click.option("--spool-dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--replay", is_flag=True, help="Send what waits in the spool (RESULTS optional).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True)
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True)
def export_command(
    results_file: Path | None,
    target: str,
    url: str,
    token: str | None,
    region: str | None,
    scope: str,
    insecure: bool,
    ca_file: str | None,
    spool_dir: Path | None,
    replay: bool,
    timeout: float,
    retries: int,
) -> None:
    """Send a saved JSON report (mlposture scan --format json) to a SIEM.

    Findings waiting in the spool for this destination are sent first. Exit 0 when
    everything was delivered, 1 when something stays in the spool, 2 on a usage error.
    """
    if results_file is None and not replay:
        raise click.UsageError("give RESULTS.json, or --replay to send only the spool")
    kind = Target(target)
    if kind is not Target.SECURITYHUB and not url:
        raise click.UsageError(f"--to {target} needs --url")
    report = _load_report(results_file) if results_file is not None else None
    destination = Destination(
        kind,
        url,
        token=token or None,
        verify_tls=not insecure,
        ca_file=ca_file,
        scope=scope,
        region=region,
        timeout=timeout,
        retries=retries,
    )
    outcome = _run_one(report, destination, spool_dir or default_spool_dir())
    sys.exit(EXIT_OK if outcome.ok else EXIT_UNDELIVERED)
