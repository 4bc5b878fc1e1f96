"""A rule that walks an identity's reach makes the audit read what reach is computed from.

Before: `audit --rule MLP-AZ-PATH-001` listed compute instances and storage accounts but no
role assignment, so no instance could reach anything and every path passed unseen.
"""

from __future__ import annotations

from scanner.audit import live_types
from scanner.engine.reach_inputs import REACH_INPUTS
from scanner.iam.azure_rbac import ROLE_ASSIGNMENT, ROLE_DEFINITION, USER_ASSIGNED_IDENTITY
from scanner.iam.documents_of import POLICY_DOCUMENT
from scanner.iam.gcp_grants import ROLE_GRANT, SERVICE_ACCOUNT
from scanner.iam.holders import ATTACHMENT, HOLDERS, MEMBERSHIP, POLICY
from scanner.sources.live.aws.specs import LIVE_TYPES as AWS_LIVE
from scanner.sources.live.azure.specs import LIVE_TYPES as AZURE_LIVE
from scanner.sources.live.gcp.specs import LIVE_TYPES as GCP_LIVE
from tests.rules.cases import builtin_rulebook


def test_inputs_are_the_kinds_reach_reads() -> None:
    assert REACH_INPUTS["aws"] == {*HOLDERS, POLICY, ATTACHMENT, MEMBERSHIP, POLICY_DOCUMENT}
    assert REACH_INPUTS["azure"] == {ROLE_ASSIGNMENT, ROLE_DEFINITION, USER_ASSIGNED_IDENTITY}
    assert REACH_INPUTS["gcp"] == {ROLE_GRANT, SERVICE_ACCOUNT}
    known = set(builtin_rulebook().catalog.kinds)
    for kinds in REACH_INPUTS.values():
        assert kinds <= known


def _collected(rule_id: str, available: frozenset[str]) -> set[str]:
    book = builtin_rulebook()
    rules = [rule for rule in book.rules if rule.id == rule_id]
    types = live_types(book.catalog, rules, available)
    return {t.kind.name for native in types for t in book.catalog.by_native_type[native]}


def test_a_reach_path_rule_alone_collects_identities_and_grants() -> None:
    assert {"aws.iam.role", "aws.iam.policy"} <= _collected("MLP-AWS-PATH-001", AWS_LIVE)
    assert ROLE_ASSIGNMENT in _collected("MLP-AZ-PATH-001", AZURE_LIVE)
    assert {ROLE_GRANT, SERVICE_ACCOUNT} <= _collected("MLP-GCP-PATH-001", GCP_LIVE)


def test_a_rule_without_reach_collects_no_grants() -> None:
    assert ROLE_ASSIGNMENT not in _collected("MLP-AZ-PATH-002", AZURE_LIVE)
