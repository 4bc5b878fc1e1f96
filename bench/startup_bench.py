"""Start-up of the short commands: what every pre-commit hook, CI wrapper and shell pays.

Runs each command N times (10 by default) as a user runs it, a fresh interpreter each time,
and prints the median wall time and the median CPU time (user + sys of the child: the
steadier figure on a shared machine), and the load average before and after. The target
of issue 20 is under 0.3 s wall for `--version` and for `rules list` once its cache of
validated rules is written; a first `rules list` (an empty cache, or a rule file changed)
validates every rule file and is timed on its own.

    python bench/startup_bench.py [--runs 10] [--mlposture PATH]

Each run uses a cache folder of its own (XDG_CACHE_HOME), never the user's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_S = 0.3
# (label, arguments, whether the cache is emptied before each run)
COMMANDS: tuple[tuple[str, list[str], bool], ...] = (
    ("--version", ["--version"], False),
    ("rules list", ["rules", "list"], False),
    ("rules list --format json", ["rules", "list", "--format", "json"], False),
    ("rules list --threat theft", ["rules", "list", "--threat", "theft"], False),
    ("rules list, empty cache", ["rules", "list"], True),
    ("--help", ["--help"], False),
)


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    wall_s: float
    cpu_s: float
    code: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(command: list[str], env: dict[str, str], cache: Path, cold: bool) -> Figure:
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return Figure(" ".join(command), wall, _children_cpu() - cpu, done.returncode)


def measure(mlposture: str, runs: int) -> list[Figure]:
    """The median of `runs` of each command, after one run to warm the caches."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="mlposture-startup-") as tmp:
        cache = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        for label, args, cold in COMMANDS:
            command = [mlposture, *args]
            time_command(command, env, cache, cold)  # warm-up: file system, .pyc, the cache
            timed = [time_command(command, env, cache, cold) for _ in range(runs)]
            failed = [t.code for t in timed if t.code != 0]
            figures.append(
                Figure(
                    label,
                    statistics.median(t.wall_s for t in timed),
                    statistics.median(t.cpu_s for t in timed),
                    failed[0] if failed else 0,
                )
            )
    return figures


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--mlposture",
        default=str(Path(sys.executable).parent / "mlposture"),
        help="the mlposture command (default: the one beside this Python)",
    )
    args = parser.parse_args(argv)
    if not Path(args.mlposture).exists() and shutil.which(args.mlposture) is None:
        print(f"startup_bench: {args.mlposture} not found (run `make install`)", file=sys.stderr)
        return 2
    cores = os.cpu_count()
    print(f"start-up, median of {args.runs} runs; load average {_load()} on {cores} cores")
    figures = measure(args.mlposture, args.runs)
    width = max(len(f.label) for f in figures)
    print(f"{'mlposture ...':<{width}}  {'wall':>7}  {'cpu':>7}")
    for figure in figures:
        note = "" if figure.code == 0 else f"  (exit {figure.code})"
        mark = " *" if figure.wall_s >= TARGET_S and "empty" not in figure.label else ""
        print(f"{figure.label:<{width}}  {figure.wall_s:6.3f}s  {figure.cpu_s:6.3f}s{mark}{note}")
    print(f"load average after: {_load()}  (* over the {TARGET_S} s target)")
    return 1 if any(f.code != 0 for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
