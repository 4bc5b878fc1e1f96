"""`mlposture audit azure`: live Azure subscriptions judged by the same rules as ARM,
azurerm and azapi code. Importing this module never imports the Azure SDK."""

from __future__ import annotations

import os

import click

from scanner.cli_audit import workers_option
from scanner.cli_common import ReportFlags, report_options, run_audit
from scanner.cli_exit import fail_usage
from scanner.errors import UsageError
from scanner.sources.live.azure import AzureAuditOptions, azure_source
from scanner.sources.live.azure.client import require_azure_sdk
from scanner.sources.live.azure.options import ARM_ENDPOINT_VARIABLE, DEFAULT_ARM_ENDPOINT


@click.command("azure", params=[workers_option()])
@click.option(
    "--subscription",
    "subscriptions",
    multiple=True,
    metavar="ID",
    help="Audit this subscription (repeatable); default: every subscription the identity lists.",
)
@click.option(
    "--management-group",
    "management_groups",
    multiple=True,
    metavar="ID",
    help="Audit every subscription under this management group, at any depth (repeatable).",
)
@click.option("--tenant", metavar="ID", help="Only this tenant's subscriptions, with its tokens.")
@report_options
def audit_azure_command(
    subscriptions: tuple[str, ...],
    management_groups: tuple[str, ...],
    tenant: str | None,
    workers: int,
    report: ReportFlags,
) -> None:
    """Audit live Azure subscriptions: Azure Machine Learning workspaces (hubs and projects),
    computes, endpoints, datastores, registries, their private endpoints and diagnostic
    settings, and the roles their managed identities hold.

    Credentials: DefaultAzureCredential (environment, workload or managed identity, Azure
    CLI, ...). MLPOSTURE_ARM_ENDPOINT points at another cloud's Resource Manager. Every
    request is a read (the built-in Reader role suffices).

    Exit codes as for `scan`: 1 also when any (subscription, resource group, collection)
    could not be read (listed under errors), 2 when the credentials do not work at all.
    """
    try:
        require_azure_sdk()
    except UsageError as exc:
        fail_usage(exc)
    endpoint = os.environ.get(ARM_ENDPOINT_VARIABLE) or DEFAULT_ARM_ENDPOINT
    if not endpoint.lower().startswith("https://"):
        # The bearer token is only ever sent over TLS.
        fail_usage(f"{ARM_ENDPOINT_VARIABLE} must be an https:// URL, not {endpoint!r}")
    live = AzureAuditOptions(
        subscriptions=subscriptions,
        management_groups=management_groups,
        tenant=tenant,
        endpoint=endpoint,
        workers=workers,
    )
    run_audit(azure_source(live), report)
