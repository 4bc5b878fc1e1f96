"""Attack-path evaluation alone: N resources, M relations (reach edges among them), every
attack-path rule compiled and evaluated on the columnar engine, the chains of the failed
results walked for evidence, and one blast radius. Prints the time of each phase and the peak
memory. A benchmark, never a test: it prints figures and asserts nothing about them.

The tables are built directly (no parsing) for the kinds the path rules touch; the relations
are random edges along every hop the rules walk (references, reverse references and the
identities' can_read / can_write / can_manage), so every join has work to do.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator

import polars as pl
from engine_bench import kind_table  # type: ignore[import-not-found]

from scanner.blast import reached_rows
from scanner.engine.conditions import PathTest
from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate, with_related
from scanner.engine.language import Condition, Path, children
from scanner.engine.path_walk import path_chains
from scanner.engine.rules import Category, builtin_rules_dir, load_rules
from scanner.mappings import load_catalog


def _hops(condition: Condition, kind: str) -> Iterator[tuple[str, str, str, bool]]:
    """(from kind, via, to kind, reverse) of every hop a condition walks, however nested."""
    for node in (condition, *children(condition)):
        if node is not condition:
            yield from _hops(node, kind)
        elif isinstance(node, Path):
            current = kind
            for hop in node.path.hops:
                yield current, hop.via, hop.kind, hop.reverse
                if hop.check is not None:
                    yield from _hops(hop.check, hop.kind)
                current = hop.kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    catalog = load_catalog()
    rules = [
        r for r in load_rules([builtin_rules_dir()], catalog) if r.category is Category.ATTACK_PATH
    ]
    hops = sorted({h for rule in rules for h in _hops(rule.check, rule.kind)})
    kinds = sorted({rule.kind for rule in rules} | {k for h in hops for k in (h[0], h[2])})
    rng = random.Random(args.seed)
    per_kind = args.resources // len(kinds)
    tables = {
        name: kind_table(catalog.kinds[name], i * per_kind, per_kind, rng)
        for i, name in enumerate(kinds)
    }
    first = {name: i * per_kind for i, name in enumerate(kinds)}
    per_hop = args.relations // len(hops)
    sources: list[int] = []
    fields: list[str] = []
    targets: list[int] = []
    for origin, via, target, reverse in hops:
        tail, head = (target, origin) if reverse else (origin, target)
        sources += [first[tail] + rng.randrange(per_kind) for _ in range(per_hop)]
        targets += [first[head] + rng.randrange(per_kind) for _ in range(per_hop)]
        fields += [via] * per_hop
    relations = pl.DataFrame(
        {"source": sources, "field": fields, "target": targets}, schema=RELATIONS_SCHEMA
    )
    reach = relations.filter(pl.col("field").str.starts_with("can_")).with_columns(
        pl.format("granted by statement {}", pl.col("source")).alias("via")
    )

    start = time.perf_counter()
    compiled = compile_rules(rules, catalog.kinds)
    outcomes = evaluate(tables, compiled, relations)
    evaluated = time.perf_counter()
    failed = outcomes.filter(~pl.col("passed"))
    chains = 0
    for rule in rules:
        rows = failed.filter(pl.col("rule_id") == rule.id).get_column("__rid").to_list()
        for test in compiled[rule.kind].related.values():
            if isinstance(test, PathTest):
                found = path_chains(test, rows, tables[rule.kind], tables, relations, with_related)
                chains += sum(len(c) for c in found.values())
    walked = time.perf_counter()
    starts = [rng.randrange(len(kinds) * per_kind) for _ in range(100)]
    reached = reached_rows(starts, relations, reach)
    blasted = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"paths: {per_kind * len(kinds):,} resources in {len(kinds)} kinds, "
        f"{relations.height:,} relations ({reach.height:,} reach edges), "
        f"{len(rules)} attack-path rules, {len(hops)} distinct hops"
    )
    undecided = outcomes.filter(pl.col("passed").is_null()).height
    print(f"  compile + evaluate the path rules: {evaluated - start:6.2f} s")
    print(f"  chains of the failed results:      {walked - evaluated:6.2f} s")
    print(f"  blast radius of 100 resources:     {blasted - walked:6.2f} s")
    print(f"  {outcomes.height:,} outcomes, {failed.height:,} failed, {undecided:,} undecided")
    print(f"  {chains:,} chains in the evidence, {reached.height:,} resources reached")
    print(f"  peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
