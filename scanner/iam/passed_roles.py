"""PassRole on a named role: does it hand over an over-privileged ML execution role?

iam:PassRole on every role is judged by the flags (statements.py). PassRole scoped to some
roles is an escalation path too when one of them trusts the service the holder can start code
in (SageMaker, Glue, Bedrock AgentCore) and is itself over-privileged: create a notebook, pass
it the administrator role, run code as it. A role is named by its ARN (a wildcard in its name
matches as IAM matches it) or, where the ARN is known only after apply, by the reference the
document makes to it (`Resource = aws_iam_role.admin.arn`), also from inside the
`aws_iam_policy_document` data sources the document is composed of.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

import polars as pl

from scanner.iam.computed import Estate
from scanner.iam.documents import UNKNOWN_MARK
from scanner.iam.documents_of import POLICY_DOCUMENT
from scanner.iam.holders import ROLE, Collector

# The service principal a role must trust to be passed to each service's escalation actions.
_TRUSTED_BY = {
    "sagemaker": "sagemaker.amazonaws.com",
    "glue": "glue.amazonaws.com",
    "bedrock-agentcore": "bedrock-agentcore.amazonaws.com",
}


def _roles_named(estate: Estate, roles: list[int], scope: str, resource: str) -> set[int]:
    path = resource.split(":role/", 1)[1] if ":role/" in resource else None
    if path is None:
        return set()
    pattern = path.rsplit("/", 1)[-1].replace("[", "[[]")
    return {
        r
        for r in roles
        if estate.resources[r].scope == scope
        and isinstance(name := estate.resources[r].values.get("role_name"), str)
        and fnmatchcase(name, pattern)
    }


def _roles_referred(estate: Estate, row: int, field_name: str, seen: set[int]) -> set[int]:
    """Roles a field refers to, directly or from the policy documents it is composed of."""
    found = set(estate.related(row, field_name, ROLE))
    for document in estate.related(row, field_name, POLICY_DOCUMENT):
        if document in seen:
            continue  # a cycle of documents
        seen.add(document)
        for name in ("statements", "source_documents", "override_documents"):
            found |= _roles_referred(estate, document, name, seen)
    return found


def passed_roles(c: Collector, passes: pl.DataFrame) -> dict[int, set[int]]:
    """Per document: the role rows its narrower PassRole grants may pass."""
    estate = c.estate
    roles = estate.rows_of(ROLE)
    found: dict[int, set[int]] = {}
    for doc, resource in passes.iter_rows():
        origin = c.doc_origin.get(doc)
        if origin is None:
            continue  # an AWS managed policy: it names no role of the estate
        row, field_name = origin
        if UNKNOWN_MARK in resource:
            targets = _roles_referred(estate, row, field_name, set())
        else:
            targets = _roles_named(estate, roles, estate.resources[row].scope, resource)
        found.setdefault(doc, set()).update(targets)
    return found


def privileged_passes(
    c: Collector, passes: pl.DataFrame, computed: dict[int, dict[str, object]]
) -> dict[int, list[str]]:
    """Per holder or policy row: ids of the over-privileged roles it may pass to a service it
    can start code in (the role trusts that service)."""
    by_doc = passed_roles(c, passes)
    out: dict[int, set[str]] = {}
    for owner, doc in c.links.permissions:
        for role in by_doc.get(doc, set()) if doc is not None else set():
            values = computed.get(role, {})
            if values.get("over_privileged") is not True:
                continue
            actions = computed.get(owner, {}).get("ml_escalation_actions")
            services = {
                _TRUSTED_BY[a.split(":", 1)[0]]
                for a in (actions if isinstance(actions, list) else [])
                if a.split(":", 1)[0] in _TRUSTED_BY
            }
            trusted = values.get("trusted_services")
            if services & set(trusted if isinstance(trusted, list) else []):
                out.setdefault(owner, set()).add(c.estate.resources[role].id)
    return {owner: sorted(ids) for owner, ids in out.items()}
