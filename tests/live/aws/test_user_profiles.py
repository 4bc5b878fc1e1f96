"""Studio user profiles are listed per domain: a region without a domain makes no
ListUserProfiles call, so it is not reported as partly uncovered (moto's server answers that
call with HTTP 500, which a region without domains used to show as a coverage gap)."""

from __future__ import annotations

import boto3
import pytest

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.moto_server import moto_server

USER_PROFILE_RULE = "MLP-AWS-IAM-014"


def _audit(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    report = audit(
        aws_source(AwsAuditOptions(regions=("eu-west-1", "us-east-1"), workers=2)),
        ScanOptions(only_rules=(USER_PROFILE_RULE,), include_passed=True),
    )
    # The IAM rule reads every role SageMaker resources name, so other unimplemented list
    # calls (feature groups, monitoring schedules) show too: only user profiles count here.
    return [f"{e.region} {e.message}" for e in report.errors if "UserProfile" in e.message]


def test_regions_without_domains_have_no_user_profile_gap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with moto_server() as endpoint:
        assert _audit(endpoint, monkeypatch) == []


def test_a_region_with_a_domain_still_lists_its_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    with moto_server() as endpoint:
        boto3.client("sagemaker", region_name="us-east-1", endpoint_url=endpoint).create_domain(
            DomainName="studio",
            AuthMode="IAM",
            DefaultUserSettings={"ExecutionRole": "arn:aws:iam::123456789012:role/studio"},
            SubnetIds=["subnet-0a1b2c3d"],
            VpcId="vpc-0123abcd4567ef890",
        )
        errors = _audit(endpoint, monkeypatch)
    # moto 5.2 does not implement ListUserProfiles: the call is made, for that region only.
    assert len(errors) == 1
    assert errors[0].startswith("us-east-1") and "ListUserProfiles" in errors[0]
