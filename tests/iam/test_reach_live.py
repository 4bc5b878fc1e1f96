"""The live AWS audit gets the same reach as the code that declares the estate: moto's IAM and
S3 read by the auditor's collectors, then the same normalize and enrich stages as a scan."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.conftest import WriteTree
from tests.iam.reach_helpers import enriched, reach_of

WRITE = {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::train-*/*"}
DENY = {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::train-logs/*"}
READ = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-logs/*"}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "sagemaker.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    yield


def _document(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _seed() -> None:
    s3 = boto3.client("s3", region_name="eu-west-1")
    where = {"LocationConstraint": "eu-west-1"}
    for bucket in ("train-data", "train-logs", "ml-logs", "archive"):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=where)  # type: ignore[arg-type]
    iam = boto3.client("iam")
    role = iam.create_role(RoleName="ml-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(
        RoleName="ml-role", PolicyName="ml-write", PolicyDocument=_document(WRITE, DENY)
    )
    read = {**READ, "Principal": {"AWS": role["Role"]["Arn"]}}
    s3.put_bucket_policy(Bucket="ml-logs", Policy=_document(read))
    # An audit reads the roles and buckets its SageMaker resources refer to: models here.
    sagemaker = boto3.client("sagemaker", region_name="eu-west-1")
    for bucket in ("train-data", "train-logs", "ml-logs", "archive"):
        sagemaker.create_model(
            ModelName=f"model-{bucket}",
            ExecutionRoleArn=role["Role"]["Arn"],
            PrimaryContainer={
                "Image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serve:1",
                "ModelDataUrl": f"s3://{bucket}/model.tar.gz",
            },
        )


def _by_name(reach: dict[tuple[str, str, str], str]) -> set[tuple[str, str, str]]:
    def name(identifier: str) -> str:
        return identifier.rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit(".", 1)[-1]

    return {(name(s), f, name(t)) for s, f, t in reach}


TF = """
resource "aws_s3_bucket" "train-data" { bucket = "train-data" }
resource "aws_s3_bucket" "train-logs" { bucket = "train-logs" }
resource "aws_s3_bucket" "ml-logs" { bucket = "ml-logs" }
resource "aws_s3_bucket" "archive" { bucket = "archive" }
resource "aws_iam_role" "ml-role" {
  name               = "ml-role"
  assume_role_policy = %s
  inline_policy {
    name   = "ml-write"
    policy = %s
  }
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.ml-logs.id
  policy = jsonencode({Statement = [{Effect = "Allow", Action = "s3:GetObject",
    Principal = {AWS = aws_iam_role.ml-role.arn}, Resource = "arn:aws:s3:::ml-logs/*"}]})
}
"""


@pytest.mark.usefixtures("aws_env")
@mock_aws
def test_live_audit_reach_matches_the_code(write_tree: WriteTree) -> None:
    _seed()
    source = aws_source(AwsAuditOptions(regions=("eu-west-1",)))
    load = source.collect(source.native_types, None)
    live = _by_name(
        {
            (ids[s], f, ids[t]): v
            for normalized in [enriched(load.resources)]
            for ids in [[r.id for r in normalized.resources]]
            for s, f, t, v in normalized.reach.iter_rows()
        }
    )
    code = _by_name(
        reach_of(
            write_tree(
                {
                    "main.tf": TF
                    % (json.dumps(json.dumps(TRUST)), json.dumps(_document(WRITE, DENY)))
                }
            )
        )
    )
    assert live == {("ml-role", "can_write", "train-data"), ("ml-role", "can_read", "ml-logs")}
    assert code == live
