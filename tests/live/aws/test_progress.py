"""Progress: every account and region is announced with its amount of work, and all of it
is reported done, so a progress bar per account and region ends full."""

from __future__ import annotations

from collections import Counter

import boto3
from moto import mock_aws

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.live.aws.seed import ACCOUNT


class Recorder:
    def __init__(self) -> None:
        self.planned: Counter[tuple[str, str]] = Counter()
        self.done: Counter[tuple[str, str]] = Counter()

    def add(self, account: str, region: str, total: int) -> None:
        self.planned[(account, region)] += total

    def advance(self, account: str, region: str) -> None:
        self.done[(account, region)] += 1


@mock_aws
def test_progress_per_account_and_region() -> None:
    boto3.client("sagemaker", region_name="us-east-1").create_notebook_instance(
        NotebookInstanceName="nb",
        InstanceType="ml.t3.medium",
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/notebook",
    )
    recorder = Recorder()
    rules = ScanOptions(only_rules=("MLP-AWS-SM-003", "MLP-AWS-IAM-011"))
    audit(aws_source(AwsAuditOptions(regions=("eu-west-1", "us-east-1"))), rules, recorder)
    assert set(recorder.planned) == {
        (ACCOUNT, "eu-west-1"),
        (ACCOUNT, "us-east-1"),
        (ACCOUNT, "global"),  # IAM roles, read once per account
    }
    assert recorder.done == recorder.planned
