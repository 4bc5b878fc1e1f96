"""Where an escalation path is written: the statements that make it, named for the evidence.

The flags say *that* a principal can escalate; a reviewer needs to know which statement of
which policy to change. Each statement that grants a piece of the path
(`escalation_statements`, over statements.py's per-statement grants) is named by the resource
that holds its document (or the AWS managed policy's name) and its Sid, or its position when
it has none.
"""

from __future__ import annotations

import polars as pl

from scanner.iam.catalog import ActionCatalog
from scanner.iam.holders import Collector
from scanner.iam.statements import per_statement


def escalation_statements(
    table: pl.DataFrame, catalog: ActionCatalog, features: pl.DataFrame | None = None
) -> pl.DataFrame:
    """(doc, stmt, named_roles) of every Allow statement that grants a piece of an escalation
    path: iam:PassRole or sts:AssumeRole on every role, an action that runs code as a role, or
    (`named_roles`) iam:PassRole on some roles only, a piece when one of them is privileged."""
    schema = {"doc": pl.UInt32(), "stmt": pl.UInt32(), "named_roles": pl.Boolean()}
    if table.is_empty():
        return pl.DataFrame(schema=schema)
    every_role = pl.col("any_role")
    named = pl.col("passrole") & ~every_role
    return (
        per_statement(table, catalog, features)
        .filter(
            ((pl.col("passrole") | pl.col("assume_role")) & every_role)
            | (pl.col("escalation").list.len() > 0)
            | named
        )
        .select(
            "doc", "stmt", (named & (pl.col("escalation").list.len() == 0)).alias("named_roles")
        )
        .unique()
        .sort("doc", "stmt")
        .collect()
    )


def _document_names(c: Collector) -> dict[int, str]:
    names = {doc: arn.rsplit("/", 1)[-1] for arn, doc in c.managed_docs.items()}
    for doc, (row, _) in c.doc_origin.items():
        names[doc] = c.estate.resources[row].id
    return names


def escalation_places(
    c: Collector, statements: pl.DataFrame, owners: set[int], passing: set[int]
) -> dict[int, list[str]]:
    """Per owner row among `owners`: the statements of its documents that make the path
    (PassRole on named roles only for the `passing` owners, which may pass a privileged one)."""
    by_doc: dict[int, list[tuple[int, bool]]] = {}
    for doc, stmt, named_roles in statements.iter_rows():
        by_doc.setdefault(doc, []).append((stmt, named_roles))
    names = _document_names(c)
    out: dict[int, set[str]] = {}
    for owner, doc in c.links.permissions:
        if owner not in owners or doc is None:
            continue
        for stmt, named_roles in by_doc.get(doc, []):
            if named_roles and owner not in passing:
                continue
            sid = c.permission_docs[doc][stmt].sid
            label = f"Sid {sid}" if sid else f"statement {stmt + 1}"
            out.setdefault(owner, set()).add(f"{names.get(doc, 'a policy')}: {label}")
    return {owner: sorted(places) for owner, places in out.items()}
