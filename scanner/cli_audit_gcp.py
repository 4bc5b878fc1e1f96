"""`mlposture audit gcp`: live Google Cloud projects judged by the same rules as `scan`.

google-auth (the `gcp` extra) is imported only when the command runs, never when the CLI
loads: `scan` works without it, and `audit gcp` says what to install."""

from __future__ import annotations

import os

import click

from scanner.cli_audit import regions_option_value, workers_option
from scanner.cli_common import ReportFlags, report_options, run_audit
from scanner.cli_exit import fail_usage
from scanner.errors import UsageError
from scanner.sources.live.gcp.endpoints import endpoints_from_env
from scanner.sources.live.gcp.options import DEFAULT_JOBS_SINCE_DAYS, GcpAuditOptions


def _locations(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    return regions_option_value(value) or ("all",)


@click.command("gcp", params=[workers_option()])
@click.option(
    "--project",
    "projects",
    multiple=True,
    metavar="ID",
    help="Audit this project (repeatable); default: the credentials' project.",
)
@click.option("--organization", metavar="ID", help="Every active project of the organization.")
@click.option(
    "--folder",
    "folders",
    multiple=True,
    metavar="ID",
    help="Every active project below this folder, subfolders included (repeatable).",
)
@click.option(
    "--locations",
    default="all",
    show_default=True,
    callback=_locations,
    help="all (every Vertex AI location of each project) or r1,r2.",
)
@click.option(
    "--impersonate-service-account",
    metavar="EMAIL",
    help="Audit as this service account, impersonated with the caller's credentials.",
)
@click.option(
    "--jobs-since",
    type=click.IntRange(min=1),
    default=DEFAULT_JOBS_SINCE_DAYS,
    show_default=True,
    metavar="DAYS",
    help="Custom jobs and training pipelines created in the last DAYS days, and running ones.",
)
@report_options
def audit_gcp_command(
    projects: tuple[str, ...],
    organization: str | None,
    folders: tuple[str, ...],
    locations: tuple[str, ...],
    impersonate_service_account: str | None,
    jobs_since: int,
    workers: int,
    report: ReportFlags,
) -> None:
    """Audit live Google Cloud projects: Vertex AI, Workbench and the project IAM grants.

    Credentials: Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth
    application-default login, the metadata server). Exit codes as for `scan`: 1 also when any
    (project, location, collection) could not be read (listed under errors), 2 when the
    credentials do not work at all.
    """
    # Here, not at import: requests and google-auth load only when an audit runs.
    from scanner.sources.live.gcp.client import require_google_auth
    from scanner.sources.live.gcp.source import gcp_source

    try:
        require_google_auth()
    except UsageError as exc:
        fail_usage(exc)
    live = GcpAuditOptions(
        projects=projects,
        organization=organization,
        folders=folders,
        locations=locations,
        impersonate_service_account=impersonate_service_account,
        jobs_since_days=jobs_since,
        workers=workers,
        endpoints=endpoints_from_env(os.environ),
    )
    run_audit(gcp_source(live), report)
