"""The IAM actions the auditor itself needs: exactly the calls the collectors make."""

from __future__ import annotations

import botocore.session

from scanner.sources.live.aws.specs import COLLECT_SPECS

# Calls outside the SageMaker and Bedrock tables, by the IAM action that authorizes each.
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
    session = botocore.session.get_session()
    actions = set(_AROUND)
    for spec in COLLECT_SPECS:
        model = session.get_service_model(spec.service)
        names = {botocore.xform_name(name): name for name in model.operation_names}
        # IAM names an action by the service's signing name: Agents for Bedrock's calls
        # (service bedrock-agent) are bedrock:ListAgents, bedrock:GetAgent.
        prefix = model.signing_name or spec.service
        operations = [spec.list_operation, spec.describe_operation]
        operations += [extra.operation for extra in spec.extra_reads]
        actions.update(f"{prefix}:{names[op]}" for op in operations if op is not None)
    return sorted(actions)
