"""IAM users and groups read live: policies inline, attached and through groups; bounded."""

from __future__ import annotations

import json

import boto3
from moto import mock_aws

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from scanner.sources.live.aws.people import collect_people
from scanner.sources.live.aws.session import resolve_targets

PASS_ANY_ROLE = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["iam:PassRole", "sagemaker:CreateTrainingJob"],
                "Resource": "*",
            }
        ],
    }
)


def test_a_user_holds_its_groups_policies_and_the_audit_says_so() -> None:
    with mock_aws():
        iam = boto3.client("iam", region_name="us-east-1")
        iam.create_group(GroupName="trainers")
        iam.put_group_policy(GroupName="trainers", PolicyName="train", PolicyDocument=PASS_ANY_ROLE)
        for name in ("in-group", "alone"):
            iam.create_user(UserName=name)
        iam.add_user_to_group(GroupName="trainers", UserName="in-group")
        report = audit(
            aws_source(AwsAuditOptions(regions=("eu-west-1",), workers=2)),
            ScanOptions(only_rules=("MLP-AWS-IAM-015",), include_passed=True),
        )
    assert report.errors == []
    assert {r.resource.name: r.status for r in report.results} == {
        "in-group": "failed",
        "alone": "passed",
    }


def test_users_and_groups_are_bounded_per_account() -> None:
    with mock_aws():
        iam = boto3.client("iam", region_name="us-east-1")
        for index in range(3):
            iam.create_user(UserName=f"user-{index}")
        iam.create_group(GroupName="only-group")
        targets, _ = resolve_targets(AwsAuditOptions(regions=("eu-west-1",)))
        people = collect_people(targets[0], set(), limit=2)
    assert people.truncated == ["users"]
    assert sorted(r.type for r in people.resources) == [
        "AWS::IAM::Group",
        "AWS::IAM::User",
        "AWS::IAM::User",
    ]
