"""Bedrock in a live audit: one invocation logging result per audited region that offers
Bedrock, guardrails listed page by page, and the calls the audit makes to the service."""

from __future__ import annotations

import boto3
from moto import mock_aws

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.live.aws.fake_bedrock import FakeBedrock
from tests.live.aws.seed import ACCOUNT


def _audit(regions: tuple[str, ...], *rules: str) -> list[tuple[str, str, str]]:
    report = audit(
        aws_source(AwsAuditOptions(regions=regions, workers=2)),
        ScanOptions(only_rules=rules, include_passed=True),
    )
    assert report.errors == [], [e.as_dict() for e in report.errors]
    return sorted(
        (r.resource.id, r.status, str(r.resource.location.region)) for r in report.results
    )


def test_logging_is_judged_in_each_region_that_offers_bedrock(fake_bedrock: FakeBedrock) -> None:
    with mock_aws():
        boto3.client("bedrock", region_name="us-east-1").put_model_invocation_logging_configuration(
            loggingConfig={"s3Config": {"bucketName": "acme-invocation-logs"}}
        )
        # ap-east-1 offers SageMaker but not Bedrock: it is not read, so neither a finding nor
        # an "unreachable" gap for it.
        results = _audit(("eu-west-1", "us-east-1", "ap-east-1"), "MLP-AWS-BR-001")
    assert results == [
        (f"arn:aws:bedrock:eu-west-1:{ACCOUNT}:model-invocation-logging", "failed", "eu-west-1"),
        (f"arn:aws:bedrock:us-east-1:{ACCOUNT}:model-invocation-logging", "passed", "us-east-1"),
    ]
    assert ("GET", "/logging/modelinvocations") in fake_bedrock.seen


def test_every_guardrail_is_read_across_pages(fake_bedrock: FakeBedrock) -> None:
    with mock_aws():
        client = boto3.client("bedrock", region_name="eu-west-1")
        for number in range(5):
            client.create_guardrail(
                name=f"guardrail-{number}",
                blockedInputMessaging="No.",
                blockedOutputsMessaging="No.",
                contentPolicyConfig={
                    "filtersConfig": [
                        {
                            "type": "PROMPT_ATTACK",
                            "inputStrength": "HIGH" if number % 2 else "LOW",
                            "outputStrength": "NONE",
                        }
                    ]
                },
            )
        fake_bedrock.page_size = 2
        results = _audit(("eu-west-1",), "MLP-AWS-BR-002")
    assert [status for _, status, _ in results].count("passed") == 2
    assert [status for _, status, _ in results].count("failed") == 3
    listed = [p for method, p in fake_bedrock.seen if (method, p) == ("GET", "/guardrails")]
    assert len(listed) == 3  # pages of 2, 2 and 1
