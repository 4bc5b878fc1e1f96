"""History store: recording a run of 100,000 results, and answering `history` and `diff` on a
store of 365 daily runs of them, on SQLite and on PostgreSQL (a real server this script starts
on loopback, with fsync on, like the tests do but durable).

Each day replaces --churn results (fixed ones go, new ones come) and changes the evidence of
--churn more; the rest persist unchanged. The first two runs and the last one go the whole way
(JSON results -> observations -> store); the days between reuse the unchanged observations so
that filling a year takes minutes, not an hour: the store's work per run is the same.

A benchmark, never a test: it prints figures and asserts nothing about them.

    .venv/bin/python bench/store_bench.py [--results 100000] [--runs 365]
        [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scanner.history.observe import Observer
from scanner.history.query import diff_runs, list_runs, previous_run
from scanner.history.record import record_run
from scanner.history.store import open_store
from tests.history.helpers import facts, result
from tests.history.pgserver import loopback_postgres, postgres_bin

T = TypeVar("T")
MLPOSTURE = str(Path(sys.executable).with_name("mlposture"))


def timed(call: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


@contextmanager
def store_of(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="mlposture-store-bench-") as folder:
            yield f"sqlite:///{folder}/history.sqlite"
        return
    durable = {"fsync": "on", "full_page_writes": "on"}
    with loopback_postgres(durable) as server:
        yield f"{server}/postgres"


def size_of(url: str) -> str:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        spans = conn.execute(sa.text("SELECT count(*) FROM spans")).scalar_one()
        resources = conn.execute(sa.text("SELECT count(*) FROM resources")).scalar_one()
        if engine.dialect.name == "postgresql":
            size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
        else:
            assert engine.url.database
            base = Path(engine.url.database)
            size = sum(p.stat().st_size for p in base.parent.glob(base.name + "*"))
    engine.dispose()
    return f"{size / 1e6:.0f} MB, {spans:,} span rows, {resources:,} resource rows"


def cli(url: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([MLPOSTURE, *args, "--store", url], check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start


def bench(backend: str, results: int, runs: int, churn_size: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    current = {i: result(i) for i in range(results)}
    next_number = results
    with store_of(backend) as url:
        engine = open_store(url)

        def full_run(day: int) -> tuple[float, float, int]:
            batch = list(current.values())
            observe_s, observed = timed(lambda: Observer().observe(batch))
            record_s, record = timed(lambda: record_run(engine, facts(day), observed))
            return observe_s, record_s, len(record.new)

        for day, label in ((0, "first run (all new)"), (1, "same results again")):
            observe_s, record_s, new = full_run(day)
            rows.append(
                (f"record {results:,}: {label}", f"{observe_s + record_s:.2f} s "
                 f"(observe {observe_s:.2f} + store {record_s:.2f}), {new:,} new")
            )  # fmt: skip

        observer = Observer()
        observed = observer.observe(current.values())

        def churn(day: int) -> dict[int, dict[str, Any]]:
            """Today's changes: `churn` results fixed, `churn` new, `churn` with new evidence."""
            nonlocal next_number
            for number in list(current)[:churn_size]:
                del current[number]
                observed.pop(result(number)["fingerprint"], None)
            changed = list(current)[:churn_size]
            fresh = {n: result(n, evidence=f"day {day}") for n in changed}
            for _ in range(churn_size):
                fresh[next_number] = result(next_number)
                next_number += 1
            current.update(fresh)
            return fresh

        fill_start = time.perf_counter()
        for day in range(2, runs - 1):
            observed.update(observer.observe(churn(day).values()))
            record_run(engine, facts(day), observed)
        fill_s = time.perf_counter() - fill_start
        filled = max(1, runs - 3)
        rows.append(
            (
                f"fill days 3-{runs - 1}",
                f"{fill_s:.0f} s, {fill_s / filled:.2f} s a run (store only)",
            )
        )
        churn(runs - 1)
        observe_s, record_s, new = full_run(runs - 1)
        rows.append(
            (f"record {results:,} into run {runs}", f"{observe_s + record_s:.2f} s "
             f"(observe {observe_s:.2f} + store {record_s:.2f}), {new:,} new")
        )  # fmt: skip
        rows.append(("store size", size_of(url)))

        history_s, _ = timed(lambda: list_runs(engine, limit=30))
        all_s, listed = timed(lambda: list_runs(engine))
        rows.append(
            (
                "history API (30 / all runs)",
                f"{history_s:.3f} s / {all_s:.3f} s ({len(listed)} runs)",
            )
        )
        last, before = listed[-1], listed[-2]
        diff_s, diff = timed(lambda: diff_runs(engine, before, last, limit=20))
        still = sum(diff.by_severity()["still_failing"].values())
        changes = f"+{len(diff.new)} -{len(diff.resolved)}, {still:,} still failing"
        rows.append(("diff API, last two runs, table", f"{diff_s:.2f} s ({changes})"))
        json_s, _ = timed(lambda: json.dumps(diff_runs(engine, before, last).as_dict()))
        rows.append(("diff API, last two runs, full JSON", f"{json_s:.2f} s"))
        first = listed[0]
        year_s, year = timed(lambda: diff_runs(engine, first, last, limit=20))
        rows.append(
            (
                "diff API, first run to last",
                f"{year_s:.2f} s (+{len(year.new):,} -{len(year.resolved):,})",
            )
        )
        assert previous_run(engine, last) == before
        engine.dispose()
        rows.append(("CLI: mlposture history (process)", f"{cli(url, 'history'):.2f} s"))
        rows.append(("CLI: mlposture diff (process)", f"{cli(url, 'diff'):.2f} s"))
        rows.append(
            ("CLI: mlposture diff --format json", f"{cli(url, 'diff', '--format', 'json'):.2f} s")
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=365)
    parser.add_argument("--churn", type=int, default=100, help="results replaced a day")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    print(
        f"history store: {args.results:,} results, {args.runs} daily runs, churn {args.churn} a day"
    )
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"sqlalchemy {sa.__version__}"
    )
    for backend in args.backends.split(","):
        if backend == "postgresql" and postgres_bin() is None:
            print("\npostgresql: skipped (no server binaries in /usr/lib/postgresql/*/bin)")
            continue
        print(f"\n{backend}")
        for label, figure in bench(backend, args.results, args.runs, args.churn):
            print(f"  {label:<40} {figure}")


if __name__ == "__main__":
    main()
