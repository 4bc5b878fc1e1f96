"""The resources around the SageMaker ones: IAM roles they run as, KMS keys and S3 buckets
they refer to. Read per account (IAM, S3) or per account and region (KMS)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from scanner.model.resource import Location, NativeResource
from scanner.sources.live.aws.responses import arn_parts, plain, policy_document
from scanner.sources.live.aws.session import Target
from scanner.sources.live.aws.specs import (
    IAM_MANAGED_POLICY_TYPE,
    IAM_ROLE_TYPE,
    KMS_KEY_TYPE,
    S3_BUCKET_TYPE,
)

log = logging.getLogger(__name__)

SAGEMAKER_PRINCIPAL = "sagemaker.amazonaws.com"
_AWS_MANAGED_POLICY = ":iam::aws:policy/"
_GONE = frozenset({"NoSuchEntity", "NotFoundException", "NoSuchBucket", "ResourceNotFound"})


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


@dataclass(slots=True)
class KeyLookup:
    """KMS keys read in one account and region, and what each reference resolved to."""

    resources: list[NativeResource] = field(default_factory=list)
    arn_of: dict[str, str] = field(default_factory=dict)  # reference as written -> key ARN


def _trusts_sagemaker(document: Any) -> bool:
    for statement in (policy_document(document) or {}).get("Statement", []) or []:
        principal = statement.get("Principal") if isinstance(statement, dict) else None
        services = principal.get("Service", []) if isinstance(principal, dict) else []
        services = [services] if isinstance(services, str) else services
        if SAGEMAKER_PRINCIPAL in services:
            return True
    return False


def _role_names(iam: Any, referenced: set[str]) -> dict[str, str]:
    """ARN -> name of the roles SageMaker can run as: referenced, or trusting SageMaker."""
    names: dict[str, str] = {}
    for page in iam.get_paginator("list_roles").paginate():
        for role in page["Roles"]:
            if role["Arn"] in referenced or _trusts_sagemaker(role.get("AssumeRolePolicyDocument")):
                names[role["Arn"]] = role["RoleName"]
    return names


def collect_roles(target: Target, referenced: set[str]) -> list[NativeResource]:
    """IAM roles of the account that SageMaker runs as, with inline and attached policies,
    as CloudFormation-shaped `AWS::IAM::Role` (and customer managed policies)."""
    iam = target.client("iam", None)
    location = Location("live", account=target.account)
    out: list[NativeResource] = []
    policies: dict[str, list[str]] = {}  # customer managed policy ARN -> role ARNs
    for arn, name in sorted(_role_names(iam, referenced).items()):
        try:
            role = iam.get_role(RoleName=name)["Role"]
        except ClientError as exc:
            if _code(exc) in _GONE:
                continue
            raise
        inline = []
        for page in iam.get_paginator("list_role_policies").paginate(RoleName=name):
            for policy_name in page["PolicyNames"]:
                document = iam.get_role_policy(RoleName=name, PolicyName=policy_name)
                inline.append(
                    {
                        "PolicyName": policy_name,
                        "PolicyDocument": policy_document(document["PolicyDocument"]),
                    }
                )
        attached: list[str] = []
        for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=name):
            attached.extend(p["PolicyArn"] for p in page["AttachedPolicies"])
        for policy_arn in attached:
            if _AWS_MANAGED_POLICY not in policy_arn:
                policies.setdefault(policy_arn, []).append(arn)
        attributes = {
            "RoleName": name,
            "Arn": arn,
            "Path": role.get("Path"),
            "AssumeRolePolicyDocument": policy_document(role.get("AssumeRolePolicyDocument")),
            "Policies": inline,
            "ManagedPolicyArns": attached,
            "PermissionsBoundary": (role.get("PermissionsBoundary") or {}).get(
                "PermissionsBoundaryArn"
            ),
            "Tags": plain(role.get("Tags", [])),
        }
        out.append(
            NativeResource(
                id=arn,
                type=IAM_ROLE_TYPE,
                name=name,
                attributes=attributes,
                location=location,
                references={"ManagedPolicyArns": tuple(attached)},
                scope=target.account,
            )
        )
    out.extend(_managed_policies(iam, policies, target, location))
    return out


def _managed_policies(
    iam: Any, policies: dict[str, list[str]], target: Target, location: Location
) -> list[NativeResource]:
    out = []
    for policy_arn, role_arns in sorted(policies.items()):
        try:
            policy = iam.get_policy(PolicyArn=policy_arn)["Policy"]
            version = iam.get_policy_version(
                PolicyArn=policy_arn, VersionId=policy["DefaultVersionId"]
            )["PolicyVersion"]
        except ClientError as exc:
            if _code(exc) in _GONE:
                continue
            raise
        role_names = [arn.rsplit("/", 1)[-1] for arn in role_arns]
        out.append(
            NativeResource(
                id=policy_arn,
                type=IAM_MANAGED_POLICY_TYPE,
                name=policy["PolicyName"],
                attributes={
                    "ManagedPolicyName": policy["PolicyName"],
                    "Path": policy.get("Path"),
                    "PolicyDocument": policy_document(version.get("Document")),
                    "Roles": role_names,
                },
                location=location,
                references={"Roles": tuple(role_arns)},
                scope=target.account,
            )
        )
    return out


def collect_keys(target: Target, region: str, references: set[str]) -> KeyLookup:
    """The KMS keys that resources of this account and region refer to (by id, ARN or
    alias), with who manages them and whether automatic rotation is on."""
    kms = target.client("kms", region)
    lookup = KeyLookup()
    by_arn: dict[str, NativeResource] = {}
    for reference in sorted(references):
        parts = arn_parts(reference)
        if parts is not None and parts[2] != target.account:
            log.info("KMS key %s belongs to another account; not judged here", reference)
            continue
        try:
            meta = plain(kms.describe_key(KeyId=reference)["KeyMetadata"])
        except ClientError as exc:
            if _code(exc) in _GONE:
                continue
            raise
        lookup.arn_of[reference] = meta["Arn"]
        if meta["Arn"] in by_arn:
            continue
        rotation: bool | None = None
        if (
            meta.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
            and meta.get("Origin", "AWS_KMS") == "AWS_KMS"
        ):
            rotation = bool(kms.get_key_rotation_status(KeyId=meta["KeyId"])["KeyRotationEnabled"])
        by_arn[meta["Arn"]] = NativeResource(
            id=meta["Arn"],
            type=KMS_KEY_TYPE,
            name=meta["KeyId"],
            attributes={"KeyMetadata": meta, "KeyRotationEnabled": rotation},
            location=Location("live", account=target.account, region=region),
            scope=target.account,
        )
    lookup.resources = list(by_arn.values())
    return lookup


def _bucket_region(s3: Any, bucket: str) -> str:
    constraint = s3.get_bucket_location(Bucket=bucket).get("LocationConstraint")
    # The API's historical names: no constraint is us-east-1, "EU" is eu-west-1.
    if not constraint:
        return "us-east-1"
    return "eu-west-1" if constraint == "EU" else str(constraint)


def collect_buckets(target: Target, buckets: set[str]) -> list[NativeResource]:
    """The S3 buckets resources of this account read from and write to: default encryption,
    the bucket's public access block, versioning and bucket policy."""
    s3 = target.client("s3", target.home_region or "us-east-1")
    out = []
    for bucket in sorted(buckets):
        owner = {"ExpectedBucketOwner": target.account}
        try:
            region = _bucket_region(s3, bucket)
        except ClientError as exc:
            if _code(exc) in _GONE:
                continue
            raise
        try:
            encryption = s3.get_bucket_encryption(Bucket=bucket, **owner)[
                "ServerSideEncryptionConfiguration"
            ]
        except ClientError as exc:
            if _code(exc) != "ServerSideEncryptionConfigurationNotFoundError":
                raise
            encryption = None  # S3 still encrypts new objects with SSE-S3 (since 2023)
        try:
            block = s3.get_public_access_block(Bucket=bucket, **owner)[
                "PublicAccessBlockConfiguration"
            ]
        except ClientError as exc:
            if _code(exc) != "NoSuchPublicAccessBlockConfiguration":
                raise
            # No configuration on the bucket: nothing is blocked at the bucket level.
            block = {
                "BlockPublicAcls": False,
                "IgnorePublicAcls": False,
                "BlockPublicPolicy": False,
                "RestrictPublicBuckets": False,
            }
        versioning = s3.get_bucket_versioning(Bucket=bucket, **owner)
        try:
            policy: str | None = s3.get_bucket_policy(Bucket=bucket, **owner)["Policy"]
        except ClientError as exc:
            if _code(exc) != "NoSuchBucketPolicy":
                raise
            policy = None  # only the account's own principals, through their IAM policies
        out.append(
            NativeResource(
                id=f"arn:aws:s3:::{bucket}",
                type=S3_BUCKET_TYPE,
                name=bucket,
                attributes={
                    "Name": bucket,
                    "Region": region,
                    "ServerSideEncryptionConfiguration": plain(encryption),
                    "PublicAccessBlockConfiguration": plain(block),
                    "Versioning": {"Status": versioning.get("Status")},
                    "Policy": policy,
                },
                location=Location("live", account=target.account, region=region),
                scope=target.account,
            )
        )
    return out
