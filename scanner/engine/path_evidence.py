"""The evidence of a failed attack-path result: its chains, each hop named.

Each hop is the resource reached (id, kind, where it is), the relation that reaches it, and
what makes the hop: for a reach edge (an identity's can_read / can_write / can_manage) the
permission and where it is granted, from the IAM analysis' side table; otherwise the fields
the hop's check read on the resource. The chains come from one bounded walk over the failed
rows only (path_walk.path_chains).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from scanner.engine.conditions import PathTest
from scanner.engine.evidence import Evidence, EvidenceBuilder, Hop, bounded
from scanner.engine.language import REACH_RELATIONS
from scanner.engine.path_walk import Chain
from scanner.model.resource import Resource

# (source row, relation, target row) -> the permission and where it is granted.
Granted = Mapping[tuple[int, str, int], str]


def granted_by(
    chains: Mapping[int, list[Chain]], test: PathTest, reach: pl.DataFrame | None
) -> Granted:
    """The `via` text of the reach edges the chains walk (a join over those edges only)."""
    if reach is None or reach.is_empty():
        return {}
    walked = {
        (chain.rows[index], hop.via, chain.rows[index + 1])
        for found in chains.values()
        for chain in found
        for index, hop in enumerate(test.hops)
        if hop.via in REACH_RELATIONS
    }
    if not walked:
        return {}
    wanted = pl.DataFrame(
        list(walked),
        schema={"source": pl.UInt32(), "field": pl.String(), "target": pl.UInt32()},
        orient="row",
    )
    found = wanted.join(reach, on=["source", "field", "target"]).unique(
        ["source", "field", "target"], keep="first", maintain_order=True
    )
    return {
        (source, field, target): via
        for source, field, target, via in found.select(
            "source", "field", "target", "via"
        ).iter_rows()
    }


def _location(resource: Resource) -> str:
    where = resource.location
    if where.file:
        return (
            f" ({bounded(where.file)}:{where.line})" if where.line else f" ({bounded(where.file)})"
        )
    return f" ({bounded(where.account)})" if where.account else ""


def chain_evidence(
    builder: EvidenceBuilder,
    test: PathTest,
    chains: list[Chain],
    granted: Granted,
) -> list[Evidence]:
    """Every hop of each chain, entry first: `role_arn -> aws_iam_role.x (main.tf:3): ...`."""
    resources = builder.resources
    items: list[Evidence] = []
    for number, chain in enumerate(chains):
        entry = resources[chain.rows[0]]
        hop = Hop(number, 0, entry.kind, None, entry.location.file, entry.location.line)
        said = "" if chain.sure else " (undecided: a value is known only after apply)"
        if test.reads:
            for name in test.reads:
                for seen in builder.field_of(entry, name, None, f"path {number + 1}"):
                    items.append(_on(seen, hop, entry.id))
        else:
            text = f"path {number + 1}: from {bounded(entry.id)}{_location(entry)}{said}"
            items.append(Evidence("entry", resource=entry.id, text=text, hop=hop))
        for index, step in enumerate(test.hops, start=1):
            source, row = chain.rows[index - 1], chain.rows[index]
            target = resources[row]
            permission = granted.get((source, step.via, row))
            hop = Hop(
                number,
                index,
                target.kind,
                step.via,
                target.location.file,
                target.location.line,
                permission,
            )
            prefix = f"path {number + 1} hop {index}: {step.via} -> {bounded(target.id)}"
            if permission is not None:
                text = f"{prefix}{_location(target)}: {bounded(permission)}"
                items.append(Evidence(step.via, resource=target.id, text=text, hop=hop))
            elif step.reads:
                for name in step.reads:
                    for seen in builder.field_of(target, name, target.id, prefix):
                        items.append(_on(seen, hop, target.id))
            else:
                text = f"{prefix}{_location(target)}: {target.kind}"
                items.append(Evidence(step.via, resource=target.id, text=text, hop=hop))
    return items


def _on(seen: Evidence, hop: Hop, resource: str) -> Evidence:
    return Evidence(seen.field, seen.value, seen.defaulted, seen.line, resource, seen.text, hop=hop)
