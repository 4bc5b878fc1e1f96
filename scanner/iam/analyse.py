"""IAM analysis of an estate: the computed fields of roles, users, groups and policies.

Runs between normalization and the engine. Every document the holders and policies hold or
refer to (inline, `aws_iam_policy_document`, attached customer and AWS managed policies, a
user's groups': holders.py) goes into one statements table; the flags of each document are
computed columnar (statements.py, trust.py) and combined per policy and per holder (effective
permissions are the union of its documents' grants, less what an unconditional Deny in any of
them denies: denies.py; PassRole on a named over-privileged role: passed_roles.py).
A document that cannot be read makes a combined flag undecided, never a pass: True wins over
unknown, unknown over False, and a Deny that surely applies decides False.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from scanner.errors import InputError
from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate, with_computed
from scanner.iam.denies import denied_actions, subtract_denies
from scanner.iam.documents_of import Documents
from scanner.iam.escalation_where import escalation_places, escalation_statements
from scanner.iam.holders import HOLDERS, POLICY, ROLE, Collector, Doc, collect
from scanner.iam.managed import ManagedPolicy, load_managed_policies
from scanner.iam.model_access import MODEL_ACCESS_FLAGS, guardrail_bypass
from scanner.iam.passed_roles import privileged_passes
from scanner.iam.statements import (
    passrole_resources,
    pattern_features,
    permission_flags,
)
from scanner.iam.trust import principals_table, trust_flags
from scanner.iam.verdicts import LIST_FINDINGS, OVER_PRIVILEGED_BECAUSE
from scanner.model.resource import Relation, Resource

ML_KIND_PREFIX = "aws.sagemaker."
SAGEMAKER_SERVICE = "sagemaker.amazonaws.com"

_BOOL_FLAGS = (
    "grants_full_admin",
    "passrole_on_any_resource",
    "passrole_without_service_condition",
    "allow_not_action",
    "assume_role_on_any_resource",
)
_LIST_FLAGS = (
    "sagemaker_escalation_actions",
    "ml_escalation_actions",
    "risky_service_wildcards",
    *MODEL_ACCESS_FLAGS,
)
_COMPUTED_BOOLS = (
    *_BOOL_FLAGS,
    "sagemaker_escalation_path",
    "privilege_escalation_path",
    "guardrail_bypass",
    "invokes_any_endpoint",
)
_DEFAULTED = frozenset((*_COMPUTED_BOOLS, "over_privileged", *_LIST_FLAGS))


def _combine(
    links: list[tuple[int, Doc]],
    flags: pl.DataFrame,
    denied: pl.DataFrame,
    catalog: ActionCatalog,
) -> pl.DataFrame:
    """Per owner row: the union of its documents' grants, three-valued, less what the
    unconditional Denies of any of its documents take away (an explicit Deny wins)."""
    owned = pl.DataFrame(
        {"owner": [o for o, _ in links], "doc": [d for _, d in links]},
        schema={"owner": pl.UInt32(), "doc": pl.UInt32()},
    )
    table = owned.join(flags.with_columns(pl.lit(True).alias("__judged")), on="doc", how="left")
    owner_denied = owned.join(denied, on="doc").select("owner", "action").unique()
    unknown = pl.col("__unknown")
    combined = (
        table.group_by("owner")
        .agg(
            pl.col("doc").is_null().any().alias("__unknown"),
            *(pl.col(f).any() for f in _BOOL_FLAGS),
            # A document without statements grants nothing; a judged one may be undecided.
            *(
                (pl.col(f).is_null() & pl.col("__judged")).any().alias(f"{f}__null")
                for f in _BOOL_FLAGS
            ),
            *(
                pl.col(f)
                .list.explode(keep_nulls=False, empty_as_null=False)
                .drop_nulls()
                .unique()
                .sort()
                for f in (*_LIST_FLAGS, "risky_patterns")
            ),
        )
        .with_columns(
            *(
                pl.when(pl.col(f))
                .then(True)
                .when(unknown | pl.col(f"{f}__null"))
                .then(None)
                .otherwise(False)
                .alias(f)
                for f in _BOOL_FLAGS
            ),
        )
        .drop(*(f"{f}__null" for f in _BOOL_FLAGS))
    )
    # A Deny decides a flag even when a document is unreadable; an empty list is decided only
    # when every document is read (after the Deny, which may empty it).
    combined = (
        subtract_denies(combined, owner_denied, catalog, key="owner")
        .with_columns(
            pl.when((pl.col(f).list.len() == 0) & unknown).then(None).otherwise(pl.col(f)).alias(f)
            for f in _LIST_FLAGS
        )
        .drop("__unknown", "risky_patterns")
    )
    passrole = pl.col("passrole_on_any_resource")
    escalation = passrole & (pl.col("sagemaker_escalation_actions").list.len() > 0)
    any_escalation = (passrole & (pl.col("ml_escalation_actions").list.len() > 0)) | pl.col(
        "assume_role_on_any_resource"
    )
    return combined.with_columns(
        escalation.alias("sagemaker_escalation_path"),
        any_escalation.alias("privilege_escalation_path"),
        guardrail_bypass().alias("guardrail_bypass"),
        (pl.col("endpoint_invoke_actions").list.len() > 0).alias("invokes_any_endpoint"),
    ).with_columns(
        pl.any_horizontal(
            pl.col(name).list.len() > 0 if name in LIST_FINDINGS else pl.col(name)
            for name, _ in OVER_PRIVILEGED_BECAUSE
        ).alias("over_privileged")
    )


def _used_by(
    estate: Estate, roles: list[int], policy_roles: dict[int, set[int]]
) -> dict[int, list[str]]:
    """ML resources that run with each role (by reference or by role ARN), and per policy."""
    names = {
        (estate.resources[r].scope, estate.resources[r].values.get("role_name")): r for r in roles
    }
    arns = {estate.resources[r].values.get("arn"): r for r in roles}
    users: dict[int, set[str]] = {r: set() for r in roles}
    for r in roles:
        for source, _ in estate.sources_of.get(r, []):
            if estate.resources[source].kind.startswith(ML_KIND_PREFIX):
                users[r].add(estate.resources[source].id)
    # Resources of a kind share their fields: the role ARN fields are found once per shape.
    role_fields: dict[tuple[str, ...], list[str]] = {}
    for kind, rows in estate.kinds.items():
        if not kind.startswith(ML_KIND_PREFIX):
            continue
        for ml in (estate.resources[row] for row in rows):
            shape = tuple(ml.values)
            fields = role_fields.get(shape)
            if fields is None:
                fields = role_fields[shape] = [n for n in shape if n.endswith("role_arn")]
            for name in fields:
                value = ml.values[name]
                if not isinstance(value, str):
                    continue
                role = arns.get(value, names.get((ml.scope, value.rsplit("/", 1)[-1])))
                if role is not None:
                    users[role].add(ml.id)
    out = {r: sorted(u) for r, u in users.items()}
    for policy, attached_roles in policy_roles.items():
        out[policy] = sorted({u for r in attached_roles for u in out.get(r, [])})
    return out


def _shared_empty(column: list[Any], empty: list[object]) -> list[Any]:
    """The column's values with each empty list replaced by `empty`."""
    return [empty if isinstance(v, list) and not v else v for v in column]


def _by_owner(links: list[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for owner, *rest in links:
        grouped.setdefault(owner, []).append(tuple(rest))
    return grouped


def _role_values(
    trust_docs: list[tuple[Any, ...]],
    managed_links: list[tuple[Any, ...]],
    trust: dict[int, tuple[Any, ...]],
    broad: dict[int, bool],
) -> dict[str, object]:
    """What the role's trust policy opens, and its over-broad AWS managed policies
    (`trust_docs`: (doc,) per trust document; `managed_links`: (name, doc) per attachment)."""
    docs = [d for (d,) in trust_docs]
    # A document without statements trusts no one.
    known = [trust.get(d, (False, [], [])) for d in docs if d is not None]
    complete = bool(docs) and len(known) == len(docs)
    services = sorted({s for k in known for s in k[1]})
    names = sorted({name for name, d in managed_links if d is not None and broad.get(d)})
    unknown_managed = any(d is None for _, d in managed_links)
    return {
        "trust_open": True if any(k[0] for k in known) else (False if complete else None),
        "trusted_services": services if complete else None,
        "trusted_accounts": sorted({a for k in known for a in k[2]}) if complete else None,
        "ml_execution_role": (
            True if SAGEMAKER_SERVICE in services else (False if complete else None)
        ),
        "broad_managed_policies": None if unknown_managed and not names else names,
    }


def analyse_iam(
    resources: list[Resource],
    relations: list[Relation],
    catalog: ActionCatalog | None = None,
    managed: dict[str, ManagedPolicy] | None = None,
    errors: list[InputError] | None = None,
    estate: Estate | None = None,
    collector: Collector | None = None,
) -> list[Resource]:
    """The resources with the computed fields of IAM roles, users, groups and policies.

    Resources of other kinds come back unchanged (the same objects). The action catalog and
    the managed policies are loaded on first need unless given (a caller that runs many
    analyses passes them in). A document that is not a policy (malformed JSON, a Statement or
    Effect of the wrong shape) leaves what it would decide undecided and is appended to
    `errors` with the file and line of the resource that holds it. `estate`: the index of
    `resources` and `relations` when the caller has built it already; `collector`: the
    documents of its holders, collected (holders.collect) on that estate.
    """
    owners = (*HOLDERS, POLICY)
    if estate is None:
        if not any(r.kind in owners for r in resources):
            return resources
        estate = Estate.build(resources, relations)
    elif not estate.has(owners):
        return resources
    c = collector
    if c is None:
        c = Collector(
            estate, managed if managed is not None else load_managed_policies(), Documents(estate)
        )
        collect(c)
    if errors is not None:
        errors.extend(c.documents.errors)
    catalog = catalog or ActionCatalog.load()
    table = c.statements()
    features = pattern_features(table["action"], catalog)
    flags = permission_flags(table, catalog, features)
    denied = denied_actions(table, catalog)
    computed: dict[int, dict[str, object]] = {}
    # Column lists zipped into each owner's values: a row iterator's per-row Python for each
    # of a million resources' holders is what this saves.
    combined = _combine(c.links.permissions, flags, denied, catalog)
    # One empty list for every empty list value of this analysis: a million holders' dozen
    # empty lists each are millions of objects for Python's cycle collector to walk (the
    # values of a resource are never changed in place).
    empty: list[object] = []
    flag_names = [name for name in combined.columns if name != "owner"]
    columns = [_shared_empty(combined[name].to_list(), empty) for name in flag_names]
    for owner, *owned in zip(combined["owner"].to_list(), *columns, strict=True):
        computed[owner] = dict(zip(flag_names, owned, strict=True))
    over = subtract_denies(flags, denied, catalog).select(
        "doc",
        (
            pl.col("grants_full_admin")
            | pl.col("passrole_on_any_resource")
            | pl.col("allow_not_action")
            | (pl.col("risky_service_wildcards").list.len() > 0)
            | (
                pl.col("passrole_on_any_resource")
                & (pl.col("sagemaker_escalation_actions").list.len() > 0)
            )
        ).alias("broad"),
    )
    broad = dict(over.iter_rows())
    trust = dict(
        (row[0], row[1:])
        for row in trust_flags(principals_table(c.trust_docs, c.own_account)).iter_rows()
    )
    roles = estate.rows_of(ROLE)
    owner_rows = estate.rows_of(*owners)
    trust_by_role = _by_owner(c.links.trust)
    managed_by_role = _by_owner(c.links.managed)
    for r in roles:
        values = _role_values(trust_by_role.get(r, []), managed_by_role.get(r, []), trust, broad)
        computed.setdefault(r, {}).update(values)
    passes = privileged_passes(c, passrole_resources(table, features), computed)
    for owner in owner_rows:
        values = computed.setdefault(owner, {})
        values["passes_privileged_roles"] = passes.get(owner, empty)
        if passes.get(owner):
            values["privilege_escalation_path"] = True
        for name in _DEFAULTED - values.keys():  # no document: grants nothing
            values[name] = empty if name in _LIST_FLAGS else False
    escalating = {o for o, v in computed.items() if v.get("privilege_escalation_path") is True}
    statements = escalation_statements(table, catalog, features)
    places = escalation_places(c, statements, escalating, {o for o in passes if passes[o]})
    for owner in owner_rows:
        computed[owner]["escalation_statements"] = places.get(owner, empty)
    used_by = _used_by(estate, roles, c.links.policy_roles)
    for row, users in used_by.items():
        computed.setdefault(row, {})["used_by"] = users
    for policy_row in estate.rows_of(POLICY):
        computed.setdefault(policy_row, {}).setdefault("used_by", [])
    out = list(resources)
    while computed:  # each owner's dict released once copied: never both for every holder
        row, values = computed.popitem()
        out[row] = with_computed(resources[row], values)
    return out
