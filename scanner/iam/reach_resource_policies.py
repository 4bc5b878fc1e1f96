"""Reach that a target's own policy grants: a bucket policy, a repository policy or a model
package group policy that allows a role or user of the estate (by ARN, or by reference where
the ARN is known only at apply) adds what it allows on that target.

A policy's statements can only name the resource it is attached to (and its objects), so their
Resource is not matched again; the actions are expanded with the catalog as identity policies'
are, kept to the resource types of the target. Deny statements of resource policies are not
read (reach may be more than the cloud allows, never less because of them).
"""

from __future__ import annotations

import polars as pl

from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate
from scanner.iam.documents import UNKNOWN_MARK, DocumentError, parse_document
from scanner.iam.holders import ROLE, USER
from scanner.iam.reach_arns import AWS_TARGETS
from scanner.iam.reach_aws import (
    AFTER_IDENTITY,
    FIELD_OF_LEVEL,
    GRANTS_SCHEMA,
    IDENTITIES,
    action_table,
    expansion_of,
    first_reasons,
)

_POLICY_OF = {
    "aws.s3.bucket": "bucket policy",
    "aws.ecr.repository": "repository policy",
    "aws.sagemaker.model_package_group": "model package group policy",
    "aws.sagemaker.endpoint": "resource policy",
    "aws.kms.key": "key policy",
}
_NAMED = ((ROLE, ":role/", "role_name"), (USER, ":user/", "user_name"))


class _Principals:
    """Roles and users of the estate by name, indexed once."""

    def __init__(self, estate: Estate) -> None:
        self.estate = estate
        self.by_name: dict[tuple[str, str], list[int]] = {}
        for kind, _, name_field in _NAMED:
            for row in estate.rows_of(kind):
                name = estate.resources[row].values.get(name_field)
                if isinstance(name, str):
                    self.by_name.setdefault((kind, name), []).append(row)

    def rows(self, target: int, value: str) -> list[int]:
        """The identities an AWS principal names: by ARN, or by reference (known at apply)."""
        estate = self.estate
        if UNKNOWN_MARK in value:
            referred = estate.related(target, "resource_policy")
            return [t for t in referred if estate.resources[t].kind in IDENTITIES]
        found: list[int] = []
        account = value.split(":")[4] if value.count(":") >= 5 else None
        for kind, marker, _ in _NAMED:
            if marker in value:
                found += [
                    row
                    for row in self.by_name.get((kind, value.rsplit("/", 1)[-1]), [])
                    if account is None or estate.resources[row].location.account in (None, account)
                ]
        return found


def resource_policy_reach(estate: Estate, catalog: ActionCatalog) -> pl.DataFrame:
    """Reach edges (GRANTS_SCHEMA) granted by the targets' own policies."""
    actions = action_table()
    principals: _Principals | None = None  # indexed on the first policy that names someone
    rows: list[tuple[int, int, str, int, str]] = []
    for target in estate.rows_of(*AWS_TARGETS):
        resource = estate.resources[target]
        kind = AWS_TARGETS.get(resource.kind)
        text = resource.values.get("resource_policy")
        if kind is None or not isinstance(text, str):
            continue
        try:
            statements = parse_document(text)
        except DocumentError:
            continue  # listed by the resource-policy analysis; grants nothing known here
        rtypes = [s.rtype for s in kind.subjects]
        for index, statement in enumerate(statements):
            if statement.effect != "Allow" or statement.not_action or statement.not_principal:
                continue
            named = [
                value for kind_name, value in statement.principals if kind_name.upper() == "AWS"
            ]
            if named and principals is None:
                principals = _Principals(estate)
            granted_to = [
                p for value in named if principals for p in principals.rows(target, value)
            ]
            if not granted_to:
                continue
            granted = expansion_of([a.lower() for a in statement.actions], catalog, actions)
            per_level = (
                granted.filter(pl.col("rtype").is_in(rtypes))
                .group_by("level")
                .agg(pl.col("name").min())
            )
            for level, name in per_level.iter_rows():
                where = f"{_POLICY_OF[resource.kind]} of {resource.name}, statement {index + 1}"
                via = f"{name} ({where})"
                rows.extend(
                    (p, target, FIELD_OF_LEVEL[level], AFTER_IDENTITY + index, via)
                    for p in granted_to
                )
    return first_reasons(pl.DataFrame(rows, schema=GRANTS_SCHEMA, orient="row"))
