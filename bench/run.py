#!/usr/bin/env python3
"""Side-by-side benchmark: mlposture vs Checkov on the same generated Terraform tree.

Usage:
    python bench/run.py [--tree DIR] [--mlposture CMD] [--checkov CMD]
                        [--skip-mlposture] [--skip-checkov] [--results FILE]

Runs, one after the other and each as its own subprocess:
    CMD scan TREE --format json --output OUT.json                 (mlposture)
    CMD -d TREE --framework terraform -o json --quiet > OUT.json  (checkov)
and prints wall time, peak memory and resource counts for each, with the
checkov/mlposture ratios.  It only reports figures: nothing here is a timed
assertion.  A missing or failing Checkov is reported and the exit code stays 0;
only a failing mlposture (or a tree that cannot be generated) exits non-zero.

Memory: each child runs under ``/usr/bin/time -v`` when present (exact peak of
the largest single process, spikes included) while a thread samples the summed
RSS of the whole child process tree from /proc every 50 ms.  Both are needed:
Checkov forks worker processes, and ``ru_maxrss`` only ever reports the largest
one, never their sum.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import generate_tf  # bench/ is sys.path[0] when this file is run as a script

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"
CHECKOV_VENV = BENCH_DIR / ".venv-checkov"
GNU_TIME = Path("/usr/bin/time")
SAMPLE_INTERVAL_S = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


# --------------------------------------------------------------------------- #
# Memory sampling of a process tree, without psutil
# --------------------------------------------------------------------------- #


def _parent_map() -> dict[int, int]:
    """pid -> ppid for every live process (read from /proc/PID/stat)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:  # the process exited between listdir and open
            continue
        # The command name (field 2) may contain spaces and ')', so split after
        # the last ')': the fields that follow are state, then ppid.
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
    return parents


def _descendants(root: int, parents: dict[int, int]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found: list[int] = []
    stack = list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss_bytes(pid: int) -> int:
    # statm is far cheaper than smaps_rollup (PSS), which would cost ~8 ms per
    # GB of mapped memory each sample and slow the tool being measured.
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class TreeRssSampler(threading.Thread):
    """Track the peak of the summed RSS of a process tree.

    With ``include_root=False`` the root (a ``/usr/bin/time`` wrapper) is left
    out of the sum and only its descendants count.
    """

    def __init__(self, root: int, include_root: bool) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.include_root = include_root
        self.peak_bytes = 0
        self._stop_event = threading.Event()

    def sample(self) -> None:
        pids = _descendants(self.root, _parent_map())
        if self.include_root:
            pids.append(self.root)
        self.peak_bytes = max(self.peak_bytes, sum(_rss_bytes(pid) for pid in pids))

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


# --------------------------------------------------------------------------- #
# Running one tool
# --------------------------------------------------------------------------- #


@dataclass
class Measurement:
    tool: str
    command: list[str]
    returncode: int | None = None
    wall_s: float | None = None
    peak_mb: float | None = None  # whole process tree (max of sampled sum and largest process)
    largest_process_mb: float | None = None  # from /usr/bin/time -v, exact
    resources: int | None = None
    note: str = ""


def _gnu_time_max_rss_kb(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if "Maximum resident set size (kbytes)" in line:
            return int(line.rsplit(":", 1)[1])
    return None


def run_measured(
    measurement: Measurement, stdout_path: Path, workdir: Path, env: dict[str, str] | None = None
) -> None:
    """Run ``measurement.command`` and fill in wall time, memory and exit code."""
    time_file = workdir / f"{measurement.tool}.time"
    stderr_path = workdir / f"{measurement.tool}.stderr"
    use_time = GNU_TIME.exists()
    argv = (
        [str(GNU_TIME), "-v", "-o", str(time_file), *measurement.command]
        if use_time
        else measurement.command
    )
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        sampler = TreeRssSampler(proc.pid, include_root=not use_time)
        sampler.start()
        measurement.returncode = proc.wait()
        measurement.wall_s = time.perf_counter() - start
        sampler.stop()
    largest_kb = _gnu_time_max_rss_kb(time_file) if use_time else None
    if largest_kb is not None:
        measurement.largest_process_mb = largest_kb * 1024 / MB
    # A 50 ms sampler can miss a short spike that `time` caught: take the max.
    peak = max(sampler.peak_bytes, (largest_kb or 0) * 1024)
    measurement.peak_mb = peak / MB if peak else None
    if measurement.returncode not in (0, 1):
        measurement.note = _stderr_tail(stderr_path)


def _stderr_tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def resolve_command(cmd: str | None, default: Path | None, name: str) -> list[str] | None:
    """Split a user command, or find the default executable; None if absent."""
    if cmd:
        argv = shlex.split(cmd)
        return argv if argv and shutil.which(argv[0]) else None
    if default is not None and os.access(default, os.X_OK):
        return [str(default)]
    found = shutil.which(name)
    return [found] if found else None


def run_mlposture(
    base: list[str], tree: Path, workdir: Path, label: str = "mlposture"
) -> Measurement:
    """One scan; its Terraform cache lives in `workdir`, so a second call is a re-scan of an
    unchanged tree (what a pre-commit hook or a pushed fix-up commit sees)."""
    report = workdir / "mlposture.json"
    cache = ["--cache-dir", str(workdir / "cache")]
    m = Measurement(
        label, [*base, "scan", str(tree), "--format", "json", "--output", str(report), *cache]
    )
    run_measured(m, workdir / "mlposture.stdout", workdir)
    m.resources = _mlposture_resources(report)
    if m.returncode not in (0, 1):  # 1 is taken to mean "findings", as for checkov
        m.note = f"mlposture failed (exit {m.returncode}): {m.note}"
    return m


def _mlposture_resources(report: Path) -> int | None:
    try:
        summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
        # Every resource read, as Checkov counts; `resources` alone is those rules judge.
        return int(summary.get("resources_read", summary["resources"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


STARTUP_COMMANDS = (["--version"], ["rules", "list"], ["--help"])
STARTUP_RUNS = 5


def measure_startup(base: list[str], runs: int = STARTUP_RUNS) -> dict[str, float]:
    """Median wall time of each start-up command (`--version` runs on every pre-commit
    call; `rules list` and `--help` show what importing a command costs)."""
    figures: dict[str, float] = {}
    for args in STARTUP_COMMANDS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*base, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        figures[" ".join(args)] = sorted(times)[len(times) // 2]
    return figures


def print_startup(figures: dict[str, float]) -> None:
    print(f"\nstart-up (median of {STARTUP_RUNS} runs): ", end="")
    print(", ".join(f"mlposture {name} {seconds:.2f} s" for name, seconds in figures.items()))


def run_checkov(base: list[str], tree: Path, workdir: Path) -> Measurement:
    report = workdir / "checkov.json"
    m = Measurement(
        "checkov", [*base, "-d", str(tree), "--framework", "terraform", "-o", "json", "--quiet"]
    )
    # Skip Checkov's PyPI update check: a network round trip is not scanning work.
    env = {**os.environ, "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}
    run_measured(m, report, workdir, env=env)
    m.resources = _checkov_resources(report)
    if m.returncode not in (0, 1):  # 1 only means "there are failed checks"
        m.note = f"checkov failed (exit {m.returncode}): {m.note}"
    return m


def _checkov_resources(report: Path) -> int | None:
    """Sum ``summary.resource_count`` over the report(s) checkov printed."""
    try:
        data: Any = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    reports = data if isinstance(data, list) else [data]
    counts = [r.get("summary", {}).get("resource_count") for r in reports if isinstance(r, dict)]
    counts = [c for c in counts if isinstance(c, int)]
    return sum(counts) if counts else None


# --------------------------------------------------------------------------- #
# Tree and report
# --------------------------------------------------------------------------- #


def ensure_tree(tree: Path | None, files: int, resources: int, seed: int) -> Path:
    """Return the tree to scan, generating it first if it does not exist."""
    if tree is None:
        name = f"tf-{files}-{resources}-s{seed}-v{generate_tf.GENERATOR_VERSION}"
        tree = CACHE_DIR / name
    if tree.is_dir() and any(tree.iterdir()):
        print(f"using existing tree {tree}")
        return tree
    print(f"generating {files} files / {resources} resources into {tree} ...")
    totals = generate_tf.generate_atomically(tree, files, resources, seed, force=False)
    print(f"generated {files} files, {sum(totals.values())} resources")
    return tree


def _fmt(value: float | int | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if not a or not b else f"{a / b:.1f}x"


COLUMNS = (("tool", "<17"), ("wall s", ">9"), ("peak MB", ">9"), ("largest proc MB", ">16"),
           ("exit", ">5"), ("resources", ">10"))  # fmt: skip


def _row(cells: list[str]) -> str:
    return " ".join(format(cell, spec) for cell, (_, spec) in zip(cells, COLUMNS, strict=True))


def print_table(results: list[Measurement]) -> None:
    header = _row([name for name, _ in COLUMNS])
    print()
    print(header)
    print("-" * len(header))
    for m in results:
        cells = [
            m.tool,
            _fmt(m.wall_s, ".2f"),
            _fmt(m.peak_mb, ".1f"),
            _fmt(m.largest_process_mb, ".1f"),
            _fmt(m.returncode, "d"),
            _fmt(m.resources, "d"),
        ]
        print(_row(cells))
    by_tool = {m.tool: m for m in results if m.returncode is not None}
    mlp, ckv = by_tool.get("mlposture"), by_tool.get("checkov")
    if mlp and ckv:
        print(
            f"\ncheckov / mlposture: time {_ratio(ckv.wall_s, mlp.wall_s)}, "
            f"peak memory {_ratio(ckv.peak_mb, mlp.peak_mb)}"
        )
    again = by_tool.get("mlposture re-scan")
    if again and ckv:
        print(f"checkov / mlposture re-scan (unchanged tree): {_ratio(ckv.wall_s, again.wall_s)}")
    for m in results:
        if m.note:
            print(f"note ({m.tool}): {m.note}")
    print(
        "\npeak MB = summed RSS of the tool's process tree (sampled every 50 ms; forked"
        "\nworkers' shared pages count once per process); largest proc MB = /usr/bin/time -v."
    )


# --------------------------------------------------------------------------- #
# CLI
# --------------------------------------------------------------------------- #


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark mlposture against Checkov on a generated Terraform tree."
    )
    p.add_argument(
        "--tree",
        type=Path,
        help="tree to scan (generated there if missing; default: bench/.cache/...)",
    )
    p.add_argument(
        "--files", type=int, default=5000, help="files to generate when the tree is missing"
    )
    p.add_argument(
        "--resources",
        type=int,
        default=20000,
        help="resources to generate when the tree is missing",
    )
    p.add_argument("--seed", type=int, default=42, help="generator seed")
    p.add_argument(
        "--mlposture", help="mlposture command (default: mlposture next to this Python, then PATH)"
    )
    p.add_argument(
        "--checkov", help=f"checkov command (default: {CHECKOV_VENV}/bin/checkov, then PATH)"
    )
    p.add_argument("--skip-mlposture", action="store_true", help="do not run mlposture")
    p.add_argument("--skip-checkov", action="store_true", help="do not run checkov")
    p.add_argument("--results", type=Path, help="also write the figures as JSON to this file")
    return p.parse_args(argv)


def missing(tool: str, hint: str) -> Measurement:
    """A row for a tool whose command could not be found (hint: the command, or a fix)."""
    return Measurement(tool, [], note=f"{tool} not found, not run ({hint})")


def run_all(
    args: argparse.Namespace, tree: Path, workdir: Path, startup: dict[str, float]
) -> list[Measurement]:
    results: list[Measurement] = []
    if not args.skip_mlposture:
        default = Path(sys.executable).parent / "mlposture"
        cmd = resolve_command(args.mlposture, default, "mlposture")
        print("running mlposture ...", flush=True)
        if cmd:
            startup.update(measure_startup(cmd))
            results.append(run_mlposture(cmd, tree, workdir))
            print("running mlposture again on the unchanged tree (cached) ...", flush=True)
            results.append(run_mlposture(cmd, tree, workdir, "mlposture re-scan"))
        else:
            results.append(missing("mlposture", args.mlposture or "run `make install`"))
    if not args.skip_checkov:
        cmd = resolve_command(args.checkov, CHECKOV_VENV / "bin" / "checkov", "checkov")
        print("running checkov (several minutes on the default tree) ...", flush=True)
        if cmd:
            results.append(run_checkov(cmd, tree, workdir))
        else:
            results.append(missing("checkov", args.checkov or "run `bash bench/checkov_venv.sh`"))
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        tree = ensure_tree(args.tree, args.files, args.resources, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"bench: cannot generate the tree: {exc}", file=sys.stderr)
        return 2
    startup: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mlposture-bench-") as tmp:
        results = run_all(args, tree, Path(tmp), startup)
    print_table(results)
    if startup:
        print_startup(startup)
    if args.results:
        figures = {"runs": [asdict(m) for m in results], "startup_s": startup}
        args.results.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    mlp = next((m for m in results if m.tool == "mlposture"), None)
    # Only mlposture crashing fails the run (exit 1 = findings is fine); a
    # missing mlposture is reported, not failed, so the bench can run early on.
    return 1 if mlp and mlp.returncode not in (None, 0, 1) else 0


if __name__ == "__main__":
    sys.exit(main())
