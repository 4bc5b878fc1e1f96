"""Credentials and accounts: the caller's own, roles to assume, or every account of an org.

boto3's standard chain supplies the base credentials (environment, profile, SSO, instance
role) and its standard settings, `AWS_ENDPOINT_URL` included; nothing here overrides them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.credentials import CredentialProvider, CredentialResolver, RefreshableCredentials
from botocore.exceptions import BotoCoreError, ClientError

from scanner.sources.live.aws.gaps import GLOBAL_REGION, CoverageGap, classify
from scanner.sources.live.aws.options import AwsAuditOptions
from scanner.sources.live.common import AuditSetupError

log = logging.getLogger(__name__)

SESSION_NAME = "mlposture-audit"
# Adaptive retries pace the calls when an API throttles. Ten attempts unless the user's own
# setting says otherwise (AWS_MAX_ATTEMPTS or max_attempts in the profile).
DEFAULT_MAX_ATTEMPTS = 10
_CONFIG = Config(connect_timeout=10, read_timeout=60, user_agent_extra="mlposture")


def client_config(profile: str | None) -> Config:
    configured = botocore.session.Session(profile=profile).get_config_variable("max_attempts")
    attempts = int(configured) if configured else DEFAULT_MAX_ATTEMPTS
    return _CONFIG.merge(Config(retries={"mode": "adaptive", "max_attempts": attempts}))


@dataclass(slots=True)
class Target:
    """One account to audit, with a session holding its credentials."""

    account: str
    session: boto3.Session
    config: Config
    # boto3 sessions are not thread-safe; clients are. Clients are made under this lock.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def client(self, service: str, region: str | None) -> Any:
        session: Any = self.session  # the service is data here, not a literal for the stubs
        with self._lock:
            return session.client(service, region_name=region, config=self.config)

    @property
    def home_region(self) -> str | None:
        return self.session.region_name


class _Assumed(CredentialProvider):
    """The only credential source of an assumed-role session: its refreshable credentials."""

    METHOD = CANONICAL_NAME = "mlposture-assume-role"

    def __init__(self, credentials: RefreshableCredentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> RefreshableCredentials:
        return self._credentials


def _now() -> datetime:
    return datetime.now(UTC)


def assumed_session(
    base: boto3.Session,
    config: Config,
    role_arn: str,
    external_id: str | None,
    clock: Callable[[], datetime] = _now,
) -> boto3.Session:
    """A session holding `role_arn`'s credentials, assumed now and again before they expire.

    STS credentials last an hour by default and an audit of a large organization runs longer:
    botocore refreshes these 15 minutes before expiry (every thread blocks on it in the last
    10), through the same AssumeRole call. Raises the STS error when the role cannot be assumed.
    """
    sts = base.client("sts", config=config)
    params: dict[str, Any] = {"RoleArn": role_arn, "RoleSessionName": SESSION_NAME}
    if external_id:
        params["ExternalId"] = external_id

    def assume() -> dict[str, Any]:
        creds = sts.assume_role(**params)["Credentials"]
        return {
            "access_key": creds["AccessKeyId"],
            "secret_key": creds["SecretAccessKey"],
            "token": creds["SessionToken"],
            "expiry_time": creds["Expiration"].isoformat(),
        }

    first = assume()  # now, so that a role that cannot be assumed is known before the audit
    credentials = RefreshableCredentials(
        access_key=first["access_key"],
        secret_key=first["secret_key"],
        token=first["token"],
        expiry_time=datetime.fromisoformat(first["expiry_time"]),
        refresh_using=assume,
        method=_Assumed.METHOD,
        time_fetcher=clock,
    )
    core = botocore.session.Session()
    core.register_component("credential_provider", CredentialResolver([_Assumed(credentials)]))
    return boto3.Session(botocore_session=core, region_name=base.region_name)


def _account_of(role_arn: str) -> str:
    parts = role_arn.split(":")
    return parts[4] if len(parts) > 5 else role_arn


def _partition(session: boto3.Session) -> str:
    region = session.region_name or "us-east-1"
    return session.get_partition_for_region(region)


def _org_accounts(base: boto3.Session, config: Config) -> list[str]:
    org = base.client("organizations", config=config)
    accounts: list[str] = []
    for page in org.get_paginator("list_accounts").paginate():
        accounts.extend(a["Id"] for a in page["Accounts"] if a.get("Status") == "ACTIVE")
    return sorted(accounts)


def resolve_targets(options: AwsAuditOptions) -> tuple[list[Target], list[CoverageGap]]:
    """The accounts to audit, and those that could not be entered (assume-role failures)."""
    try:
        config = client_config(options.profile)
        base = boto3.Session(profile_name=options.profile)
        caller = base.client("sts", config=config).get_caller_identity()["Account"]
    except (BotoCoreError, ClientError) as exc:
        reason, detail = classify(exc)
        raise AuditSetupError(f"AWS credentials do not work ({reason}): {detail}") from exc
    gaps: list[CoverageGap] = []
    if not options.role_arns and not options.org:
        return [Target(caller, base, config)], gaps
    wanted: list[tuple[str, str | None]] = [(_account_of(a), a) for a in options.role_arns]
    if options.org:
        try:
            accounts = _org_accounts(base, config)
        except (BotoCoreError, ClientError) as exc:
            raise AuditSetupError(
                "cannot list the organization's accounts ({}): {}".format(*classify(exc))
            ) from exc
        partition = _partition(base)
        for account in accounts:
            role = f"arn:{partition}:iam::{account}:role/{options.org_role_name}"
            # The management account is audited with the caller's own credentials.
            wanted.append((account, None if account == caller else role))
    targets: list[Target] = []
    seen: set[str] = set()
    for account, role_arn in wanted:
        if account in seen:
            continue
        seen.add(account)
        if role_arn is None:
            targets.append(Target(account, base, config))
            continue
        try:
            session = assumed_session(base, config, role_arn, options.external_id)
            targets.append(Target(account, session, config))
        except (BotoCoreError, ClientError) as exc:
            reason, detail = classify(exc)
            log.warning("cannot assume %s: %s", role_arn, detail)
            gaps.append(CoverageGap(account, GLOBAL_REGION, "sts", reason, detail))
    return targets, gaps


def select_regions(target: Target, regions: tuple[str, ...]) -> list[str]:
    """The regions to read in one account. Raises AuditSetupError when none is known."""
    if regions and regions != ("all",):
        return list(dict.fromkeys(regions))
    if not regions:
        if target.home_region is None:
            raise AuditSetupError(
                "no region: give --regions r1,r2 (or all), or set AWS_REGION or a profile region"
            )
        return [target.home_region]
    offered = set(target.session.get_available_regions("sagemaker"))
    try:
        ec2 = target.client("ec2", target.home_region or "us-east-1")
        enabled = {
            r["RegionName"]
            for r in ec2.describe_regions(AllRegions=False)["Regions"]
            if r.get("OptInStatus") != "not-opted-in"
        }
    except (BotoCoreError, ClientError) as exc:
        # Without ec2:DescribeRegions, try every region SageMaker is offered in; the ones not
        # enabled come back as coverage gaps.
        log.warning("cannot list enabled regions (%s); trying all SageMaker regions", exc)
        return sorted(offered)
    return sorted(enabled & offered if offered else enabled)
