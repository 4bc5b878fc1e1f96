"""`mlposture audit`: live accounts judged by the same rules as `scan`.

Each cloud's command only turns its own options into a LiveSource; reading, judging, writing,
exporting and the exit code are `run_audit`'s, the same for every cloud."""

from __future__ import annotations

import rich_click as click

from scanner.cli_common import ReportFlags, report_options, run_audit
from scanner.cli_lazy import LazyGroup
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from scanner.sources.live.aws.options import (
    DEFAULT_JOBS_SINCE_DAYS,
    DEFAULT_ORG_ROLE,
    DEFAULT_WORKERS,
)


def regions_option_value(value: str | None) -> tuple[str, ...]:
    """`all`, or a comma-separated list of regions / locations."""
    if value is None:
        return ()
    regions = tuple(r.strip() for r in value.split(",") if r.strip())
    if not regions or ("all" in regions and len(regions) > 1):
        raise click.BadParameter("give all, or a list such as eu-west-1,us-east-1")
    return regions


def jobs_since_option() -> click.Option:
    return click.Option(
        ["--jobs-since"],
        type=click.IntRange(min=1),
        default=DEFAULT_JOBS_SINCE_DAYS,
        show_default=True,
        metavar="DAYS",
        help="Training and processing jobs created in the last DAYS days, and all running ones.",
    )


def workers_option() -> click.Option:
    return click.Option(
        ["--workers"],
        type=click.IntRange(1, 64),
        default=DEFAULT_WORKERS,
        show_default=True,
        help="Concurrent API readers.",
    )


@click.group(
    "audit",
    cls=LazyGroup,
    # The cloud SDKs behind Azure and Google are imported only for their own audits.
    lazy_commands={
        "azure": "scanner.cli_audit_azure:audit_azure_command",
        "gcp": "scanner.cli_audit_gcp:audit_gcp_command",
    },
)
def audit_group() -> None:
    """Audit live cloud accounts with the same rules as `scan`."""


@audit_group.command("aws", params=[jobs_since_option(), workers_option()])
@click.option(
    "--regions",
    callback=lambda _ctx, _param, value: regions_option_value(value),
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
    report: ReportFlags,
) -> None:
    """Audit live AWS accounts: SageMaker and the roles, keys and buckets around it.

    Exit codes as for `scan`: 1 also when any (account, region, service) could not be read
    (listed under errors), 2 when the credentials do not work at all.
    """
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
    run_audit(aws_source(live), report)
