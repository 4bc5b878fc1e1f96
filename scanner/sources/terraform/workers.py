"""Worker processes that evaluate root modules, watched so that no module can hang the scan.

tfparse runs Go code that never returns on some inputs (a `count` in the hundreds of
millions, for one) and could crash its process. Each worker says when it starts a module;
one that runs past the time limit or dies is killed and replaced, its module is reported
and read without evaluation, and the other modules go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

from scanner.sources.terraform.evaluate import (
    RootJob,
    RootResult,
    evaluate_root,
    read_without_evaluation,
)

log = logging.getLogger(__name__)

# tfparse's Go runtime collects garbage at every doubling of a small heap; each root is
# evaluated from scratch, so a later collection costs little memory and saves a quarter of
# the time (measured on the 1,000-root benchmark tree: 10.1 s -> 7.4 s on 2 cores).
_WORKER_GOGC = "400"
_POLL_SECONDS = 0.2


def _worker_main(tasks: Any, results: Any, worker_id: int) -> None:
    while True:
        item = tasks.get()
        if item is None:
            return
        index, job = item
        results.put(("start", worker_id, index, None))
        results.put(("done", worker_id, index, evaluate_root(job)))


@dataclass(slots=True)
class _Worker:
    process: SpawnProcess
    task: int | None = None
    started: float = 0.0


@contextmanager
def _worker_environment() -> Iterator[None]:
    """GOGC for the workers' Go runtime, which reads it once at start; the user's wins."""
    if "GOGC" in os.environ:
        yield
        return
    os.environ["GOGC"] = _WORKER_GOGC
    try:
        yield
    finally:
        os.environ.pop("GOGC", None)


class _Supervisor:
    def __init__(self, jobs: list[RootJob], workers: int, timeout: float) -> None:
        self.jobs = jobs
        self.timeout = timeout
        self.context: SpawnContext = multiprocessing.get_context("spawn")
        self.tasks = self.context.Queue()
        self.results = self.context.Queue()
        self.workers: dict[int, _Worker] = {}
        self.done: dict[int, RootResult] = {}
        self.next_id = 0
        for index, job in enumerate(jobs):
            self.tasks.put((index, job))
        for _ in range(min(workers, len(jobs))):
            self._start_worker()

    def _start_worker(self) -> None:
        worker_id, self.next_id = self.next_id, self.next_id + 1
        process = self.context.Process(
            target=_worker_main, args=(self.tasks, self.results, worker_id), daemon=True
        )
        process.start()
        self.workers[worker_id] = _Worker(process)

    def _give_up(self, worker_id: int, reason: str) -> None:
        worker = self.workers.pop(worker_id)
        worker.process.kill()
        worker.process.join()
        if worker.task is not None and worker.task not in self.done:
            job = self.jobs[worker.task]
            log.warning("terraform: %s: %s", job.shown, reason)
            self.done[worker.task] = read_without_evaluation(job, reason)
        if len(self.done) < len(self.jobs):
            self._start_worker()

    def _receive(self) -> None:
        try:
            kind, worker_id, index, result = self.results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            return
        worker = self.workers.get(worker_id)
        if kind == "start" and worker is not None:
            worker.task, worker.started = index, time.monotonic()
        elif kind == "done":
            self.done[index] = result
            if worker is not None:
                worker.task = None

    def _watch(self) -> None:
        now = time.monotonic()
        for worker_id, worker in list(self.workers.items()):
            if worker.task is not None and now - worker.started > self.timeout:
                limit = f"{self.timeout:g} s"
                self._give_up(worker_id, f"terraform evaluation did not finish in {limit}")
            elif not worker.process.is_alive() and worker.task is not None:
                self._give_up(worker_id, "the terraform evaluator crashed on this module")

    def run(self) -> list[RootResult]:
        try:
            while len(self.done) < len(self.jobs):
                self._receive()
                self._watch()
        finally:
            for worker in self.workers.values():
                worker.process.kill()
                worker.process.join()
        return [self.done[index] for index in range(len(self.jobs))]


def evaluate_in_workers(jobs: list[RootJob], workers: int, timeout: float) -> list[RootResult]:
    """Evaluate `jobs` in `workers` processes; results in the order of `jobs`."""
    with _worker_environment():
        return _Supervisor(jobs, workers, timeout).run()
