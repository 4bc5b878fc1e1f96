"""A seeded mutation run over every format's rule fixtures, in this process, through
load_sources and the judging of what it read, as a scan does.

Any exception that escapes is a failure: a hostile file must end as an input error under
`errors`. In the suite the run takes about FUZZ_SECONDS (50 s); `make fuzz` runs it longer
(FUZZ_SECONDS=1800) and FUZZ_SEED picks another sequence. A failing file is kept under the
test's temporary folder and named in the failure with its seed, to be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, all_rules, judge
from scanner.sources.load import load_sources
from tests.fuzz.mutate import mutate

REPO = Path(__file__).resolve().parents[2]
SUFFIXES = (".tf", ".tf.json", ".plan.json", ".cfn.yaml", ".cfn.json", ".arm.json")
FILES_PER_ROUND = 12
ROUND_LIMIT_SECONDS = 120  # a round past this is a hang (module timeout 15 s per worker)


class RoundHung(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise RoundHung(f"a round of the fuzz run took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _fixtures() -> list[Path]:
    found = [p for p in sorted((REPO / "rules").rglob("*")) if p.name.endswith(SUFFIXES)]
    return [p for p in found if p.is_file()]


def _scan(folder: Path) -> None:
    """What a scan does with the folder, short of writing the report."""
    catalog = load_catalog()
    load = load_sources([(folder, folder.name)], catalog.native_types, workers=2, module_timeout=15)
    rules = all_rules(catalog, ScanOptions())
    judge(load.resources, catalog, rules, True, load.errors)


def _culprit(folder: Path) -> Path | None:
    """The one mutated file whose scan alone raises, to name in the failure."""
    for case in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            _scan(case)
        except Exception:
            return case
    return None


def test_mutated_fixtures_never_raise(tmp_path: Path) -> None:
    budget = float(os.environ.get("FUZZ_SECONDS", "50"))
    seed = int(os.environ.get("FUZZ_SEED", "20"))
    rng = random.Random(seed)
    fixtures = _fixtures()
    assert len({p.name.split(".", 1)[-1] for p in fixtures}) >= 6, "a format has no fixture"
    started, rounds, files = time.monotonic(), 0, 0
    while time.monotonic() - started < budget:
        folder = tmp_path / f"round{rounds}"
        for index, fixture in enumerate(rng.sample(fixtures, FILES_PER_ROUND)):
            text = mutate(rng, fixture.name, fixture.read_text(encoding="utf-8"))
            case = folder / f"case{index}"  # a folder each: a .tf is a root module of its own
            case.mkdir(parents=True)
            (case / fixture.name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            with _deadline(ROUND_LIMIT_SECONDS):
                _scan(folder)
        except Exception as exc:
            culprit = _culprit(folder) or folder
            raise AssertionError(
                f"seed {seed}, round {rounds}: {type(exc).__name__} on {culprit}"
            ) from exc
        rounds += 1
        files += FILES_PER_ROUND
    print(f"fuzz: seed {seed}, {files} mutated files in {rounds} rounds")
