"""The IAM actions the auditor itself needs: exactly the calls the collectors make."""

from __future__ import annotations

import botocore.session

from scanner.sources.live.aws.specs import SAGEMAKER_SPECS

# Calls outside the SageMaker table, by the IAM action that authorizes each.
_AROUND = (
    "ec2:DescribeRegions",  # --regions all
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:GetRole",
    "iam:GetGroupPolicy",
    "iam:GetRolePolicy",
    "iam:GetUserPolicy",
    "iam:ListAttachedGroupPolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListAttachedUserPolicies",
    "iam:ListGroupPolicies",
    "iam:ListGroups",
    "iam:ListGroupsForUser",
    "iam:ListRolePolicies",
    "iam:ListRoles",
    "iam:ListUserPolicies",
    "iam:ListUsers",
    "kms:DescribeKey",
    "kms:GetKeyRotationStatus",
    "s3:GetBucketLocation",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",  # GetPublicAccessBlock
    "s3:GetBucketVersioning",
    "s3:GetEncryptionConfiguration",  # GetBucketEncryption
)
# Only to enter accounts (--role-arn, --org); sts:GetCallerIdentity needs no permission.
ENTRY_ACTIONS = ("organizations:ListAccounts", "sts:AssumeRole")


def auditor_actions() -> list[str]:
    """Every action the audit calls in an audited account, sorted."""
    model = botocore.session.get_session().get_service_model("sagemaker")
    names = {botocore.xform_name(name): name for name in model.operation_names}
    actions = set(_AROUND)
    for spec in SAGEMAKER_SPECS:
        actions.add(f"{spec.service}:{names[spec.list_operation]}")
        actions.add(f"{spec.service}:{names[spec.describe_operation]}")
        actions.update(f"{spec.service}:{names[extra.operation]}" for extra in spec.extra_reads)
    return sorted(actions)
