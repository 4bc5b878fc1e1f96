"""IAM users and groups of an account, with their inline and attached policies, in
CloudFormation's property shape (`AWS::IAM::User` / `AWS::IAM::Group`), so the rules that judge
them in templates judge them live.

Bounded: at most `limit` users and `limit` groups per account (an account can hold thousands of
users created by automation); what is left out is reported as a coverage gap, never passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from scanner.model.resource import Location, NativeResource
from scanner.sources.live.aws.responses import policy_document
from scanner.sources.live.aws.session import Target
from scanner.sources.live.aws.specs import (
    IAM_GROUP_TYPE,
    IAM_MANAGED_POLICY_TYPE,
    IAM_USER_TYPE,
)

MAX_PRINCIPALS = 2000
_AWS_MANAGED_POLICY = ":iam::aws:policy/"
_GONE = frozenset({"NoSuchEntity"})


@dataclass(slots=True)
class People:
    """What one account's users and groups read gave: resources, and what was left out."""

    resources: list[NativeResource] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)  # "users", "groups"


@dataclass(frozen=True, slots=True)
class _Kind:
    """The calls of one principal kind (user or group), named by boto3."""

    native_type: str
    list_operation: str
    list_key: str
    name_param: str  # UserName | GroupName
    arn_field: str
    inline_list: str
    inline_get: str
    attached_list: str


_USERS = _Kind(
    IAM_USER_TYPE,
    "list_users",
    "Users",
    "UserName",
    "Arn",
    "list_user_policies",
    "get_user_policy",
    "list_attached_user_policies",
)
_GROUPS = _Kind(
    IAM_GROUP_TYPE,
    "list_groups",
    "Groups",
    "GroupName",
    "Arn",
    "list_group_policies",
    "get_group_policy",
    "list_attached_group_policies",
)


def _listed(iam: Any, kind: _Kind, limit: int) -> tuple[list[dict[str, Any]], bool]:
    found: list[dict[str, Any]] = []
    for page in iam.get_paginator(kind.list_operation).paginate():
        for item in page[kind.list_key]:
            if len(found) == limit:
                return found, True
            found.append(item)
    return found, False


def _policies_of(iam: Any, kind: _Kind, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Inline policies (CloudFormation `Policies`) and attached managed policy ARNs."""
    param = {kind.name_param: name}
    inline = []
    for page in iam.get_paginator(kind.inline_list).paginate(**param):
        for policy_name in page["PolicyNames"]:
            answer = getattr(iam, kind.inline_get)(PolicyName=policy_name, **param)
            inline.append(
                {
                    "PolicyName": policy_name,
                    "PolicyDocument": policy_document(answer["PolicyDocument"]),
                }
            )
    attached: list[str] = []
    for page in iam.get_paginator(kind.attached_list).paginate(**param):
        attached.extend(p["PolicyArn"] for p in page["AttachedPolicies"])
    return inline, attached


def _groups_of(iam: Any, user: str) -> list[str]:
    return [
        g["GroupName"]
        for page in iam.get_paginator("list_groups_for_user").paginate(UserName=user)
        for g in page["Groups"]
    ]


def collect_people(target: Target, known_policies: set[str], limit: int = MAX_PRINCIPALS) -> People:
    """Users and groups of the account, and the customer managed policies attached to them
    that are not in `known_policies` (read already with the roles)."""
    iam = target.client("iam", None)
    location = Location("live", account=target.account)
    people = People()
    wanted_policies: set[str] = set()
    for kind in (_USERS, _GROUPS):
        items, truncated = _listed(iam, kind, limit)
        if truncated:
            people.truncated.append(kind.list_key.lower())
        for item in items:
            name = item[kind.name_param]
            try:
                inline, attached = _policies_of(iam, kind, name)
                groups = _groups_of(iam, name) if kind is _USERS else None
            except ClientError as exc:
                if str(exc.response.get("Error", {}).get("Code")) in _GONE:
                    continue  # deleted between the list and the read
                raise
            attributes: dict[str, Any] = {
                kind.name_param: name,
                "Arn": item[kind.arn_field],
                "Path": item.get("Path"),
                "Policies": inline,
                "ManagedPolicyArns": attached,
            }
            references = {"ManagedPolicyArns": tuple(attached)}
            if groups is not None:
                attributes["Groups"] = groups
            wanted_policies.update(a for a in attached if _AWS_MANAGED_POLICY not in a)
            people.resources.append(
                NativeResource(
                    id=item[kind.arn_field],
                    type=kind.native_type,
                    name=name,
                    attributes=attributes,
                    location=location,
                    references=references,
                    scope=target.account,
                )
            )
    people.resources.extend(_managed(iam, sorted(wanted_policies - known_policies), target))
    return people


def _managed(iam: Any, arns: list[str], target: Target) -> list[NativeResource]:
    out = []
    for arn in arns:
        try:
            policy = iam.get_policy(PolicyArn=arn)["Policy"]
            version = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])
        except ClientError as exc:
            if str(exc.response.get("Error", {}).get("Code")) in _GONE:
                continue
            raise
        out.append(
            NativeResource(
                id=arn,
                type=IAM_MANAGED_POLICY_TYPE,
                name=policy["PolicyName"],
                attributes={
                    "ManagedPolicyName": policy["PolicyName"],
                    "Path": policy.get("Path"),
                    "PolicyDocument": policy_document(version["PolicyVersion"].get("Document")),
                },
                location=Location("live", account=target.account),
                scope=target.account,
            )
        )
    return out
