"""Which policy documents each IAM holder has: roles, users, groups and policies.

A holder's documents are its own inline policies, the policies and attachments that name it
(by reference or by name), the managed policies its own definition lists (AWS managed ones by
their published documents), and for a user the documents of every group it is a member of
(`Groups` of the user, `aws_iam_user_group_membership`, `aws_iam_group_membership`,
`AWS::IAM::UserToGroupAddition`). Each document gets an id in the statements table; None
stands for a document that cannot be read (a customer policy defined outside the scan).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from scanner.iam.computed import Estate
from scanner.iam.documents import UNKNOWN_MARK, Statement, parse_document
from scanner.iam.documents_of import Documents
from scanner.iam.managed import ManagedPolicy, canonical_arn, is_aws_managed
from scanner.iam.statements import statements_table

ROLE = "aws.iam.role"
USER = "aws.iam.user"
GROUP = "aws.iam.group"
POLICY = "aws.iam.policy"
ATTACHMENT = "aws.iam.policy_attachment"
MEMBERSHIP = "aws.iam.group_membership"
# Holder kind -> (the field of a policy, attachment or membership that names it, its name field)
HOLDERS = {
    ROLE: ("roles", "role_name"),
    USER: ("users", "user_name"),
    GROUP: ("groups", "group_name"),
}

Doc = int | None  # a document id in the statements table; None: a document not readable
Give = Callable[[int, list[tuple[Doc, int | None]]], None]


@dataclass(slots=True)
class Links:
    """Which documents each holder row has (owner row -> document ids)."""

    permissions: list[tuple[int, Doc]] = field(default_factory=list)
    trust: list[tuple[int, Doc]] = field(default_factory=list)
    managed: list[tuple[int, str, Doc]] = field(default_factory=list)  # role, policy name, doc
    policy_roles: dict[int, set[int]] = field(default_factory=dict)


@dataclass(slots=True)
class Collector:
    estate: Estate
    managed: dict[str, ManagedPolicy]
    documents: Documents
    permission_docs: dict[int, list[Statement]] = field(default_factory=dict)
    trust_docs: dict[int, list[Statement]] = field(default_factory=dict)
    own_account: dict[int, str | None] = field(default_factory=dict)  # by trust document
    managed_docs: dict[str, int] = field(default_factory=dict)
    # The (row, field) each document was read from: where its references lead.
    doc_origin: dict[int, tuple[int, str]] = field(default_factory=dict)
    links: Links = field(default_factory=Links)
    names: Names = field(init=False)
    _next: int = 0
    _statements: pl.DataFrame | None = None

    def statements(self) -> pl.DataFrame:
        """The statements table of the permission documents, built once (the IAM analysis and
        AWS reach read the same); call it once every document is collected."""
        if self._statements is None:
            self._statements = statements_table(self.permission_docs)
        return self._statements

    def __post_init__(self) -> None:
        self.names = Names(self.estate)

    def add(self, statements: list[Statement] | None, table: dict[int, list[Statement]]) -> Doc:
        if statements is None:
            return None
        self._next += 1
        table[self._next] = statements
        return self._next

    def field_docs(self, row: int, name: str) -> list[Doc]:
        docs = [self.add(d, self.permission_docs) for d in self.documents.of_field(row, name)]
        self.doc_origin.update((d, (row, name)) for d in docs if d is not None)
        return docs

    def managed_doc(self, arn: str) -> Doc:
        policy = self.managed.get(canonical_arn(arn))
        if policy is None:
            return None
        if policy.arn not in self.managed_docs:
            doc = self.add(parse_document(policy.document), self.permission_docs)
            assert doc is not None
            self.managed_docs[policy.arn] = doc
        return self.managed_docs[policy.arn]


class Names:
    """Holders and policies by (kind, scope, name) and (kind, scope, ARN), indexed once: a
    literal name is looked up, not searched for in every resource (quadratic at 20,000)."""

    def __init__(self, estate: Estate) -> None:
        self.rows: dict[tuple[str, str, str], list[int]] = {}
        name_field = {kind: name for kind, (_, name) in HOLDERS.items()} | {POLICY: "policy_name"}
        for i in estate.rows_of(*name_field):
            r = estate.resources[i]
            for key in {r.values.get(name_field[r.kind]), r.values.get("arn")}:
                if isinstance(key, str):
                    self.rows.setdefault((r.kind, r.scope, key), []).append(i)

    def named(self, kind: str, scope: str, value: object) -> list[int]:
        """Rows of `kind` in `scope` that a literal name or ARN names (its last path segment)."""
        if not isinstance(value, str) or value == UNKNOWN_MARK:
            return []
        name = value.rsplit("/", 1)[-1]
        found = self.rows.get((kind, scope, name), []) + self.rows.get((kind, scope, value), [])
        return sorted(set(found))


def _items(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _holders_named(c: Collector, row: int, kind: str) -> list[int]:
    """Holders of `kind` that a field of `row` names, by reference or by literal name."""
    field_name, _ = HOLDERS[kind]
    resource = c.estate.resources[row]
    found = c.estate.related(row, field_name, kind)
    names = _items(resource.values.get(field_name))
    if not names and len(found) < 2:
        return found  # nothing to merge: sorted and distinct already
    for name in names:
        found += c.names.named(kind, resource.scope, name)
    return sorted(set(found))


def _arn_docs(
    c: Collector, holder: int, arns: object, policies: dict[int, list[Doc]]
) -> list[tuple[Doc, int | None]]:
    """Documents of literal managed policy ARNs: (doc, customer policy row or None)."""
    found: list[tuple[Doc, int | None]] = []
    scope = c.estate.resources[holder].scope
    for arn in _items(arns):
        if not isinstance(arn, str) or arn == UNKNOWN_MARK:
            continue  # known only after apply: read through its relation
        if is_aws_managed(arn):
            doc = c.managed_doc(arn)
            c.links.managed.append((holder, arn.rsplit("/", 1)[-1], doc))
            found.append((doc, None))
            continue
        rows = c.names.named(POLICY, scope, arn)
        found.extend((d, p) for p in rows for d in policies.get(p, [None]))
        if not rows:
            found.append((None, None))  # a customer policy defined elsewhere
    return found


def _left_to_provider(estate: Estate, row: int, name: str) -> bool:
    """A plan marks a role's `inline_policy` / `managed_policy_arns` unknown whenever the
    configuration leaves them out (the provider reads them back at apply): with no reference
    behind it, such a value is what the Terraform code says, nothing."""
    resource = estate.resources[row]
    return (
        resource.location.source == "terraform-plan"
        and resource.values.get(name) == [UNKNOWN_MARK]
        and not estate.targets.get((row, name))
    )


def _members(c: Collector, rows_of: dict[str, list[int]]) -> dict[int, set[int]]:
    """Group row -> the user rows that are its members."""
    members: dict[int, set[int]] = {}
    for user in rows_of[USER]:
        for group in _holders_named(c, user, GROUP):
            members.setdefault(group, set()).add(user)
    for membership in rows_of[MEMBERSHIP]:
        users = _holders_named(c, membership, USER)
        for group in _holders_named(c, membership, GROUP):
            members.setdefault(group, set()).update(users)
    return members


def collect(c: Collector) -> None:
    """Fill `c.links` (and the document tables) for every holder and policy of the estate."""
    estate = c.estate
    kinds = (*HOLDERS, POLICY, ATTACHMENT, MEMBERSHIP)
    rows_of = {kind: estate.rows_of(kind) for kind in kinds}
    policies: dict[int, list[Doc]] = {}
    for p in rows_of[POLICY]:
        policies[p] = c.field_docs(p, "document")
        c.links.permissions.extend((p, d) for d in policies[p])
    attached: dict[int, list[tuple[Doc, int | None]]] = {}

    def give(holder: int, docs: list[tuple[Doc, int | None]]) -> None:
        if docs:
            attached.setdefault(holder, []).extend(docs)

    for p in rows_of[POLICY]:
        for kind in HOLDERS:
            for holder in _holders_named(c, p, kind):
                give(holder, [(d, p) for d in policies[p]])
    for a in rows_of[ATTACHMENT]:
        attachment = estate.resources[a]
        targets = estate.related(a, "policy_arn", POLICY)
        for kind in HOLDERS:
            for holder in _holders_named(c, a, kind):
                if targets:
                    give(holder, [(d, p) for p in targets for d in policies[p]])
                elif attachment.values.get("policy_arn") is not None:
                    arn = attachment.values["policy_arn"]
                    give(holder, _arn_docs(c, holder, [arn], policies))
                else:
                    give(holder, [(None, None)])
    for r in (row for kind in HOLDERS for row in rows_of[kind]):
        _own_documents(c, r, policies, give)
        for attached_doc, policy in attached.get(r, []):
            c.links.permissions.append((r, attached_doc))
            if policy is not None and estate.resources[r].kind == ROLE:
                c.links.policy_roles.setdefault(policy, set()).add(r)
    # A user holds the documents of its groups as its own.
    by_owner: dict[int, list[Doc]] = {}
    for owner, doc in c.links.permissions:
        by_owner.setdefault(owner, []).append(doc)
    for group, users in sorted(_members(c, rows_of).items()):
        for user in sorted(users):
            c.links.permissions.extend((user, doc) for doc in by_owner.get(group, []))


def _own_documents(c: Collector, r: int, policies: dict[int, list[Doc]], give: Give) -> None:
    """A holder's trust policy (roles), inline policies and the managed policies it lists."""
    estate = c.estate
    resource = estate.resources[r]
    if resource.kind == ROLE:
        for trust in c.documents.of_field(r, "trust_policy"):
            trust_doc = c.add(trust, c.trust_docs)
            c.links.trust.append((r, trust_doc))
            if trust_doc is not None:
                c.own_account[trust_doc] = resource.location.account
    if not _left_to_provider(estate, r, "inline_policies"):
        c.links.permissions.extend((r, d) for d in c.field_docs(r, "inline_policies"))
    give(r, _arn_docs(c, r, resource.values.get("managed_policy_arns"), policies))
    referred = estate.related(r, "managed_policy_arns", POLICY)
    give(r, [(d, p) for p in referred for d in policies[p]])
    arns = resource.values.get("managed_policy_arns")
    pending = _items(arns).count(UNKNOWN_MARK) - len(referred)
    if _left_to_provider(estate, r, "managed_policy_arns"):
        pending = 0
    if pending > 0 or ("managed_policy_arns" in resource.unknown and not referred):
        give(r, [(None, None)])  # an attached policy that cannot be read
