"""AWS reach from Terraform and CloudFormation: what a role can read, write or manage."""

from __future__ import annotations

from tests.conftest import WriteTree
from tests.iam.reach_helpers import reach_of

BUCKETS = """
resource "aws_s3_bucket" "train" { bucket = "train-data" }
resource "aws_s3_bucket" "logs" { bucket = "logs" }
resource "aws_ecr_repository" "images" { name = "serving" }
resource "aws_iam_role" "ml" {
  name               = "ml-role"
  assume_role_policy = jsonencode({Statement = [{Effect = "Allow", Action = "sts:AssumeRole",
    Principal = {Service = "sagemaker.amazonaws.com"}}]})
}
"""


def _policy(*statements: str) -> str:
    return (
        'resource "aws_iam_role_policy" "p" {\n  name = "ml-write"\n  role = aws_iam_role.ml.id\n'
        '  policy = jsonencode({Version = "2012-10-17", Statement = ['
        + ", ".join(statements)
        + "]})\n}\n"
    )


WRITE_TRAIN = '{Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::train-*/*"}'


def test_object_write_on_a_wildcard_reaches_the_buckets_it_names(write_tree: WriteTree) -> None:
    reach = reach_of(write_tree({"main.tf": BUCKETS + _policy(WRITE_TRAIN)}))
    edge = ("aws_iam_role.ml", "can_write", "aws_s3_bucket.train")
    assert reach == {edge: "s3:PutObject (policy ml-write, statement 1)"}


def test_an_unconditional_deny_takes_the_write_away(write_tree: WriteTree) -> None:
    deny = '{Effect = "Deny", Action = "s3:Put*", Resource = "arn:aws:s3:::train-data/*"}'
    conditional = (
        '{Effect = "Deny", Action = "s3:GetObject", Resource = "*",'
        ' Condition = {Bool = {"aws:SecureTransport" = "false"}}}'
    )
    read = '{Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::train-data/*"}'
    reach = reach_of(
        write_tree({"main.tf": BUCKETS + _policy(WRITE_TRAIN, deny, read, conditional)})
    )
    assert set(reach) == {("aws_iam_role.ml", "can_read", "aws_s3_bucket.train")}


def test_every_action_on_every_resource_reaches_every_target(write_tree: WriteTree) -> None:
    admin = '{Effect = "Allow", Action = "*", Resource = "*"}'
    reach = reach_of(write_tree({"main.tf": BUCKETS + _policy(admin)}))
    targets = ("aws_s3_bucket.train", "aws_s3_bucket.logs", "aws_ecr_repository.images")
    assert set(reach) == {
        ("aws_iam_role.ml", field, target)
        for field in ("can_read", "can_write", "can_manage")
        for target in targets
    }
    assert reach[("aws_iam_role.ml", "can_manage", "aws_s3_bucket.logs")].startswith("s3:")


def test_list_and_tagging_do_not_count(write_tree: WriteTree) -> None:
    listing = (
        '{Effect = "Allow", Action = ["s3:ListBucket", "s3:PutBucketTagging"], Resource = "*"}'
    )
    assert reach_of(write_tree({"main.tf": BUCKETS + _policy(listing)})) == {}


def test_a_reference_resolves_to_the_resource_it_names(write_tree: WriteTree) -> None:
    tf = """
resource "aws_s3_bucket" "models" { bucket_prefix = "models-" }
resource "aws_s3_bucket" "other" { bucket_prefix = "other-" }
resource "aws_iam_user" "u" { name = "ci" }
resource "aws_iam_group" "g" { name = "deployers" }
resource "aws_iam_user_group_membership" "m" {
  user   = aws_iam_user.u.name
  groups = [aws_iam_group.g.name]
}
resource "aws_iam_group_policy" "gp" {
  name  = "push"
  group = aws_iam_group.g.name
  policy = jsonencode({Statement = [{Effect = "Allow", Action = "s3:PutBucketPolicy",
    Resource = aws_s3_bucket.models.arn}]})
}
"""
    reach = reach_of(write_tree({"main.tf": tf}))
    why = "s3:PutBucketPolicy (policy push, statement 1)"
    assert reach == {
        ("aws_iam_group.g", "can_manage", "aws_s3_bucket.models"): why,
        ("aws_iam_user.u", "can_manage", "aws_s3_bucket.models"): why,
    }


def test_a_bucket_policy_granting_the_role_adds_reach(write_tree: WriteTree) -> None:
    bucket_policy = """
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({Statement = [{Effect = "Allow", Action = "s3:GetObject",
    Principal = {AWS = aws_iam_role.ml.arn}, Resource = "${aws_s3_bucket.logs.arn}/*"}]})
}
"""
    reach = reach_of(write_tree({"main.tf": BUCKETS + bucket_policy}))
    assert reach == {
        ("aws_iam_role.ml", "can_read", "aws_s3_bucket.logs"): (
            "s3:GetObject (bucket policy of logs, statement 1)"
        )
    }


CFN = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Train:
    Type: AWS::S3::Bucket
    Properties: {BucketName: train-data}
  Logs:
    Type: AWS::S3::Bucket
    Properties: {BucketName: logs}
  Registry:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties: {ModelPackageGroupName: Fraud-Models}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: sagemaker.amazonaws.com},
                     Action: sts:AssumeRole}]
      Policies:
        - PolicyName: ml-write
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: s3:PutObject, Resource: "arn:aws:s3:::train-*/*"}
              - Effect: Allow
                Action: sagemaker:CreateModelPackage
                Resource: "arn:aws:sagemaker:*:*:model-package/fraud-models/*"
%s
"""
CFN_DENY = """              - {Effect: Deny, Action: "s3:*", Resource: "*"}"""


def test_cloudformation_reach_and_its_deny(write_tree: WriteTree) -> None:
    reach = reach_of(write_tree({"t.yaml": CFN % ""}))
    assert reach == {
        ("Role", "can_write", "Train"): "s3:PutObject (inline policy of Role, statement 1)",
        ("Role", "can_write", "Registry"): (
            "sagemaker:CreateModelPackage (inline policy of Role, statement 2)"
        ),
    }
    denied = reach_of(write_tree({"t.yaml": CFN % CFN_DENY}))
    assert set(denied) == {("Role", "can_write", "Registry")}


def test_reach_stays_within_its_root_module(write_tree: WriteTree) -> None:
    admin = '{Effect = "Allow", Action = "s3:GetObject", Resource = "*"}'
    other = 'resource "aws_s3_bucket" "elsewhere" { bucket = "other-stack-data" }\n'
    reach = reach_of(write_tree({"ml/main.tf": BUCKETS + _policy(admin), "other/main.tf": other}))
    assert {target for _, _, target in reach} == {"aws_s3_bucket.train", "aws_s3_bucket.logs"}
