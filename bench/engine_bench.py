"""Engine alone: N normalized resources x every rule of their kinds, on the columnar engine.

Builds the kind tables directly (no parsing), in the proportions of a SageMaker estate, then
compiles every built-in rule and evaluates them all; prints the time of each phase and the peak
memory. A benchmark, never a test: it prints figures and asserts nothing about them.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import polars as pl

from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.engine.tables import ROW_ID, SCOPE, kind_schema
from scanner.mappings import load_catalog
from scanner.model.kinds import FieldSpec, FieldType, Kind

_SAMPLES: dict[FieldType, list[object]] = {
    FieldType.STR: [None, "Enabled", "Disabled", "Vpc", "Platform", "2", "1", "arn:aws:kms:k"],
    FieldType.BOOL: [None, True, False],
    FieldType.INT: [None, 1, 2, 3],
    FieldType.FLOAT: [None, 0.5],
    FieldType.LIST_STR: [None, [], ["sg-1"], ["owner", "aws:cloudformation:stack-name"]],
    FieldType.LIST_INT: [None, [1], [2, 3]],
    FieldType.LIST_BOOL: [None, [True]],
}


def _column(spec: FieldSpec, rows: int, rng: random.Random) -> list[object]:
    if spec.type is FieldType.STR and (spec.name == "name" or spec.name.endswith("_name")):
        # Names identify resources (schedules find their job definition by name): unique-ish.
        return [f"{spec.name}-{rng.randrange(rows * 4)}" for _ in range(rows)]
    choices = _SAMPLES[spec.type]
    return [choices[rng.randrange(len(choices))] for _ in range(rows)]


def kind_table(kind: Kind, first_row: int, rows: int, rng: random.Random) -> pl.DataFrame:
    data: dict[str, list[object]] = {
        ROW_ID: list(range(first_row, first_row + rows)),
        # One estate per 1,000 resources: name joins stay within their scope, as in a scan.
        SCOPE: [f"root-{(first_row + n) // 1000}" for n in range(rows)],
    }
    for spec in kind.fields:
        data[spec.name] = _column(spec, rows, rng)
        data[f"{spec.name}__unknown"] = [rng.random() < 0.02 for _ in range(rows)]
    return pl.DataFrame(data, schema=kind_schema(kind), strict=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    catalog = load_catalog()
    rules = load_rules([builtin_rules_dir()], catalog)
    kinds = sorted({rule.kind for rule in rules})
    rng = random.Random(args.seed)
    start = time.perf_counter()
    per_kind = args.resources // len(kinds)
    tables = {
        name: kind_table(catalog.kinds[name], i * per_kind, per_kind, rng)
        for i, name in enumerate(kinds)
    }
    built = time.perf_counter()
    compiled = compile_rules(rules, catalog.kinds)
    outcomes = evaluate(tables, compiled, pl.DataFrame(schema=RELATIONS_SCHEMA))
    done = time.perf_counter()
    failed = outcomes.filter(~pl.col("passed")).height
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = per_kind * len(kinds)
    print(f"engine: {total:,} resources in {len(kinds)} kinds x {len(rules)} rules")
    print(f"  build tables (not timed as engine work): {built - start:6.2f} s")
    print(f"  compile + evaluate every rule:            {done - built:6.2f} s")
    print(f"  outcomes: {outcomes.height:,} rows, {failed:,} failed; peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
