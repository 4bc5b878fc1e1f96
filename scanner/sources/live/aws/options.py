"""What the user asked of a live AWS audit."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ORG_ROLE = "OrganizationAccountAccessRole"
DEFAULT_JOBS_SINCE_DAYS = 30
DEFAULT_WORKERS = 8


@dataclass(frozen=True, slots=True)
class AwsAuditOptions:
    # Regions to read: () is the session's own region (profile / AWS_REGION), ("all",) every
    # region enabled for the account.
    regions: tuple[str, ...] = ()
    profile: str | None = None
    role_arns: tuple[str, ...] = ()  # assume each: one audited account per role
    external_id: str | None = None
    org: bool = False  # every active account of the organization, through `org_role_name`
    org_role_name: str = DEFAULT_ORG_ROLE
    jobs_since_days: int = DEFAULT_JOBS_SINCE_DAYS
    workers: int = DEFAULT_WORKERS
