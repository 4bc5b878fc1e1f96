"""Attack paths and blast radius on a terminal (and as JSON): each path with its hops."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.blast import Reached


def _where(item: Mapping[str, Any]) -> str:
    file, line = item.get("file"), item.get("line")
    if file:
        return f"{file}:{line}" if line else str(file)
    return str(item.get("account") or "")


def chains(result: Mapping[str, Any]) -> list[list[Mapping[str, Any]]]:
    """A path result's chains: per chain, one item per hop (the first evidence of each)."""
    by_chain: dict[int, dict[int, Mapping[str, Any]]] = {}
    for item in result.get("evidence") or []:
        hop = item.get("path") if isinstance(item, Mapping) else None
        if isinstance(hop, Mapping):
            hops = by_chain.setdefault(int(hop.get("chain") or 0), {})
            hops.setdefault(int(hop.get("hop") or 0), {**hop, "resource": item.get("resource")})
    return [[hops[i] for i in sorted(hops)] for _, hops in sorted(by_chain.items())]


def write_paths_table(results: Sequence[Mapping[str, Any]], out: TextIO, width: int) -> None:
    console = Console(file=out, width=width, highlight=False, markup=False, emoji=False)
    if not results:
        console.print("No attack paths.")
        return
    table = Table(show_lines=True)
    for column in ("severity", "rule", "path"):
        table.add_column(column)
    for result in results:
        lines = Text(str(result.get("title")), style="bold")
        for number, chain in enumerate(chains(result), start=1):
            for hop in chain:
                relation = hop.get("relation")
                arrow = f"  {relation} -> " if relation else f"  path {number}: "
                lines.append(f"\n{arrow}{hop.get('resource')} [{hop.get('kind')}]")
                if hop.get("granted_by"):
                    lines.append(f" ({hop['granted_by']})")
                where = _where(hop)
                if where:
                    lines.append(f"  {where}", style="dim")
        table.add_row(str(result.get("severity")), str(result.get("rule_id")), lines)
    console.print(table)
    console.print(f"{len(results)} attack path(s)")


def write_paths_json(results: Sequence[Mapping[str, Any]], out: TextIO) -> None:
    rows = [{**dict(r), "chains": chains(r)} for r in results]
    out.write(json.dumps({"attack_paths": rows}, indent=2, default=str) + "\n")


def write_blast_table(start: str, reached: Sequence[Reached], out: TextIO, width: int) -> None:
    console = Console(file=out, width=width, highlight=False, markup=False, emoji=False)
    if not reached:
        console.print(f"{start}: reaches nothing in the scanned estate.")
        return
    table = Table(title=f"What {start} reaches")
    for column in ("depth", "resource", "kind", "through", "granted by"):
        table.add_column(column)
    for r in reached:
        table.add_row(
            str(r.depth),
            f"{r.resource.id}\n{_where(r.as_dict())}",
            r.resource.kind,
            f"{r.source.id} {r.relation}",
            r.granted_by or "-",
        )
    console.print(table)
    console.print(f"{len(reached)} resource(s) reached")


def write_blast_json(start: str, reached: Sequence[Reached], out: TextIO) -> None:
    payload = {"from": start, "reached": [r.as_dict() for r in reached]}
    out.write(json.dumps(payload, indent=2) + "\n")
