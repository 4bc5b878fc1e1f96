"""The auditor's least-privilege policy: exactly the calls it makes, and enough for them.

moto enforces IAM policies once `set_initial_no_auth_action_count` is spent: an auditor user
holding only the documented policy audits without a gap, and the same user without one
SageMaker action gets that service reported as an access-denied gap, the rest still judged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import boto3
import pytest
from moto import mock_aws, settings
from moto.core import set_initial_no_auth_action_count
from policy_sentry.querying.actions import get_action_data

from scanner.pipeline import ScanOptions, audit
from scanner.report import Report
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from scanner.sources.live.aws.permissions import auditor_actions
from tests.live.aws.estate import seed_estate
from tests.live.aws.seed import unexpected_gaps

DOC = Path(__file__).resolve().parents[3] / "docs" / "live-audits.md"


def _documented_policy() -> dict[str, object]:
    blocks = re.findall(r"```json\n(.*?)\n```", DOC.read_text("utf-8"), re.S)
    block = next((b for b in blocks if '"Sid": "MLPostureAudit"' in b), None)
    assert block, "the README section has no auditor policy"
    policy: dict[str, object] = json.loads(block)
    return policy


def test_documented_policy_lists_exactly_the_calls() -> None:
    statement = _documented_policy()["Statement"]
    assert isinstance(statement, list)
    assert sorted(statement[0]["Action"]) == auditor_actions()


@pytest.mark.parametrize("action", auditor_actions())
def test_every_action_exists_in_the_iam_catalog(action: str) -> None:
    service, name = action.split(":")
    assert get_action_data(service, name), action


def _auditor(policy: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    """An IAM user holding only `policy`; the audit runs with its access key."""
    iam = boto3.client("iam")
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="audit", PolicyDocument=json.dumps(policy))
    keys = iam.create_access_key(UserName="auditor")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", keys["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", keys["SecretAccessKey"])


@set_initial_no_auth_action_count(0)
def _audit_enforced() -> Report:
    """The audit with moto enforcing IAM on every call."""
    return audit(aws_source(AwsAuditOptions(regions=("eu-west-1",), workers=2)), ScanOptions())


@pytest.mark.skipif(not settings.TEST_DECORATOR_MODE, reason="needs moto in process")
@pytest.mark.parametrize("without", [None, "sagemaker:ListTrainingJobs"])
def test_auditor_policy_is_enough(without: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    policy = _documented_policy()
    statement = policy["Statement"]
    assert isinstance(statement, list)
    # moto (5.2.6 on) checks two S3 reads under the API operation's name, which IAM does not
    # have: GetBucketEncryption and GetPublicAccessBlock. AWS checks them as
    # s3:GetEncryptionConfiguration and s3:GetBucketPublicAccessBlock, which the documented
    # policy grants; the extra names only satisfy moto.
    moto_only = ["s3:GetBucketEncryption", "s3:GetPublicAccessBlock"]
    statement[0]["Action"] = [a for a in statement[0]["Action"] if a != without] + moto_only
    with mock_aws():
        seed_estate(endpoint_url=None)
        _auditor(policy, monkeypatch)
        report = _audit_enforced()
    gaps = unexpected_gaps(report)
    if without is None:
        assert gaps == []
    else:
        assert [(g.service, g.region) for g in gaps] == [("sagemaker", "eu-west-1")]
        assert "access-denied" in gaps[0].message and "ListTrainingJobs" in gaps[0].message
    assert report.summary.failed > 0
