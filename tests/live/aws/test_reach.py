"""Reach: accounts through --role-arn and --org, bounded job history, error classification."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from moto import mock_aws

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source, collect_aws
from scanner.sources.live.aws.gaps import classify
from scanner.sources.live.aws.session import assumed_session, client_config
from tests.live.aws.seed import ACCOUNT

ROOT_RULE = ScanOptions(only_rules=("MLP-AWS-SM-003",), include_passed=True)


def _member_account() -> str:
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    status = org.create_account(AccountName="ml-research", Email="ml-research@example.com")
    return str(status["CreateAccountStatus"]["AccountId"])


def _notebook_in(account: str, name: str) -> None:
    if account == ACCOUNT:
        sagemaker = boto3.client("sagemaker")
    else:
        role = f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole"
        creds = boto3.client("sts").assume_role(RoleArn=role, RoleSessionName="seed")["Credentials"]
        sagemaker = boto3.client(
            "sagemaker",
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
        )
    sagemaker.create_notebook_instance(
        NotebookInstanceName=name,
        InstanceType="ml.t3.medium",
        RoleArn=f"arn:aws:iam::{account}:role/notebook",
    )


def _accounts(options: AwsAuditOptions) -> dict[str, str]:
    report = audit(aws_source(options), ROOT_RULE)
    assert report.errors == []
    return {r.resource.name: str(r.resource.location.account) for r in report.results}


@mock_aws
def test_org_audits_every_account() -> None:
    member = _member_account()
    _notebook_in(ACCOUNT, "nb-management")
    _notebook_in(member, "nb-member")
    found = _accounts(AwsAuditOptions(org=True, regions=("eu-west-1",)))
    assert found == {"nb-management": ACCOUNT, "nb-member": member}


@mock_aws
def test_role_arn_audits_that_account_only() -> None:
    member = _member_account()
    _notebook_in(ACCOUNT, "nb-management")
    _notebook_in(member, "nb-member")
    role = f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole"
    assert _accounts(AwsAuditOptions(role_arns=(role,))) == {"nb-member": member}


@mock_aws
def test_job_history_is_bounded() -> None:
    sagemaker = boto3.client("sagemaker")
    sagemaker.create_training_job(
        TrainingJobName="nightly",
        AlgorithmSpecification={"TrainingImage": "img", "TrainingInputMode": "File"},
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/training",
        OutputDataConfig={"S3OutputPath": "s3://out/nightly"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
        StoppingCondition={"MaxRuntimeInSeconds": 60},
    )
    wanted = frozenset({"sagemaker:DescribeTrainingJob"})
    options = AwsAuditOptions(jobs_since_days=30)
    today = collect_aws(options, wanted)
    assert [r.name for r in today.resources] == ["nightly"]
    # Seen from 31 days later, the finished job is outside the window and is not read.
    later = collect_aws(options, wanted, now=datetime.now(UTC) + timedelta(days=31))
    assert later.resources == [] and later.gaps == []


@mock_aws
def test_assumed_role_credentials_are_renewed_before_they_expire() -> None:
    """An audit outlasting the hour an assumed role's credentials live keeps working: the
    session assumes the role again shortly before they expire, and only then."""
    member = _member_account()
    role = f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole"
    started = datetime.now(UTC)
    now = [started]
    session = assumed_session(boto3.Session(), client_config(None), role, None, lambda: now[0])
    sts = session.client("sts")  # made once, as the collectors make theirs
    first = session.get_credentials().get_frozen_credentials()
    assert sts.get_caller_identity()["Account"] == member

    now[0] = started + timedelta(minutes=30)  # half an hour in: still the same credentials
    assert session.get_credentials().get_frozen_credentials() == first

    now[0] = started + timedelta(minutes=50)  # less than 15 minutes left: assumed again
    identity = sts.get_caller_identity()
    renewed = session.get_credentials().get_frozen_credentials()
    assert renewed.access_key != first.access_key and renewed.token != first.token
    assert identity["Account"] == member
    assert identity["Arn"].endswith(":assumed-role/OrganizationAccountAccessRole/mlposture-audit")


def _error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "m"}}, "ListModels")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (_error("AccessDeniedException"), "access-denied"),
        (_error("UnrecognizedClientException"), "region-not-enabled"),
        (_error("ExpiredTokenException"), "credentials-expired"),
        (_error("ThrottlingException"), "throttled"),
        (_error("InternalFailure"), "api-error"),
        (
            EndpointConnectionError(endpoint_url="https://api.sagemaker.xx-east-9.amazonaws.com"),
            "unreachable",
        ),
    ],
)
def test_failures_are_classified(exc: Exception, reason: str) -> None:
    assert classify(exc)[0] == reason
    assert "ListModels" in classify(exc)[1] or reason == "unreachable"
