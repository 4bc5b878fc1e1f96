"""Worker processes that evaluate root modules, watched so that no module can hang the scan.

tfparse runs Go code that never returns on some inputs (a `count` in the hundreds of
millions, for one) and could crash its process. Each worker says when it starts a module;
one that runs past the time limit or dies is killed and replaced, its module is reported
and read without evaluation, and the other modules go on.

Time is not the only bound: a few hundred bytes of doubling locals allocate gigabytes in
seconds. Each worker limits the data it may allocate (RLIMIT_DATA: Go reserves address
space it never uses, so RLIMIT_AS would count gigabytes of nothing) and writes its stderr
to a file of its own, so that the supervisor can tell a worker that ran out of memory (Go
says "out of memory", Python raises MemoryError) from one that crashed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path
from typing import Any

from scanner.sources.terraform.cache import RootCache, evaluate_cached
from scanner.sources.terraform.evaluate import RootJob, RootResult, read_without_evaluation

log = logging.getLogger(__name__)

# tfparse's Go runtime collects garbage at every doubling of a small heap; each root is
# evaluated from scratch, so a later collection costs little memory and saves a quarter of
# the time (measured on the 1,000-root benchmark tree: 10.1 s -> 7.4 s on 2 cores).
_WORKER_GOGC = "400"
_POLL_SECONDS = 0.2
# Jobs given to a worker at a time: the one it runs and the next, already in its inbox (under
# load the supervisor is slow to wake, and a worker waiting for it is a core doing nothing).
_JOBS_AHEAD = 2
# What a worker that hit its memory limit left on its stderr (Go's runtime, Python).
_OUT_OF_MEMORY = (b"out of memory", b"MemoryError", b"cannot allocate memory")
_STDERR_READ = 64 * 1024


def _limit_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    import resource  # POSIX only; imported here so that the module imports everywhere

    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _worker_main(
    inbox: Any,
    results: Any,
    worker_id: int,
    memory_mb: int,
    stderr_path: str,
    cache: RootCache | None,
) -> None:
    stderr = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(stderr, 2)
    os.close(stderr)
    _limit_memory(memory_mb)
    while True:
        item = inbox.get()
        if item is None:
            return
        index, job = item
        # Only what this module's evaluation writes is kept, to tell why it died.
        os.ftruncate(2, 0)
        os.lseek(2, 0, os.SEEK_SET)
        results.put(("start", worker_id, index, None))
        results.put(("done", worker_id, index, evaluate_cached(job, cache)))


@dataclass(slots=True)
class _Worker:
    process: SpawnProcess
    inbox: Any
    stderr: Path
    # The jobs given to it, in order: the first is running (or about to), the others wait in
    # its inbox so that it never sits idle between two modules waiting for this process.
    # Known here, not only from its "start" messages, which a process that dies at once may
    # never have sent.
    tasks: deque[int] = field(default_factory=deque)
    started: float = 0.0  # when the first of `tasks` started (or was given, until it says)

    def ran_out_of_memory(self) -> bool:
        try:
            with self.stderr.open("rb") as handle:
                said = handle.read(_STDERR_READ)
        except OSError:
            return False
        return any(sign in said for sign in _OUT_OF_MEMORY)


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
    def __init__(
        self,
        jobs: list[RootJob],
        workers: int,
        timeout: float,
        memory_mb: int,
        scratch: Path,
        cache: RootCache | None,
    ) -> None:
        self.jobs = jobs
        self.cache = cache
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.scratch = scratch
        self.context: SpawnContext = multiprocessing.get_context("spawn")
        self.results = self.context.Queue()
        self.workers: dict[int, _Worker] = {}
        self.done: dict[int, RootResult] = {}
        self.pending = deque(range(len(jobs)))
        self.next_id = 0
        for _ in range(min(workers, len(jobs))):
            self._start_worker()

    def _start_worker(self) -> None:
        worker_id, self.next_id = self.next_id, self.next_id + 1
        stderr = self.scratch / f"worker-{worker_id}.stderr"
        inbox = self.context.Queue()
        process = self.context.Process(
            target=_worker_main,
            args=(inbox, self.results, worker_id, self.memory_mb, str(stderr), self.cache),
            daemon=True,
        )
        process.start()
        worker = _Worker(process, inbox, stderr)
        self.workers[worker_id] = worker
        self._assign(worker)

    def _assign(self, worker: _Worker) -> None:
        """Fill an idle or nearly idle worker's inbox with the next jobs; the clock of the
        first runs from here until it says it started (a worker still starting up is not
        charged for it)."""
        while self.pending and len(worker.tasks) < _JOBS_AHEAD:
            task = self.pending.popleft()
            if not worker.tasks:
                worker.started = time.monotonic()
            worker.tasks.append(task)
            worker.inbox.put((task, self.jobs[task]))

    def _give_up(self, worker_id: int, reason: str) -> None:
        worker = self.workers.pop(worker_id)
        worker.process.kill()
        worker.process.join()
        worker.stderr.unlink(missing_ok=True)
        running = [task for task in worker.tasks if task not in self.done]
        if running:
            job = self.jobs[running[0]]
            log.warning("terraform: %s: %s", job.shown, reason)
            self.done[running[0]] = read_without_evaluation(job, reason)
            # The jobs that waited behind it were never started: another worker takes them.
            self.pending.extendleft(reversed(running[1:]))
        if self.pending:
            self._start_worker()

    def _receive(self) -> None:
        try:
            kind, worker_id, index, result = self.results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            return
        worker = self.workers.get(worker_id)
        if kind == "start" and worker is not None and worker.tasks and worker.tasks[0] == index:
            worker.started = time.monotonic()
        elif kind == "done":
            self.done.setdefault(index, result)
            if worker is not None and worker.tasks and worker.tasks[0] == index:
                worker.tasks.popleft()
                # The next job, already in its inbox, starts now: charged from here until
                # its own "start" message says when.
                worker.started = time.monotonic()
                self._assign(worker)

    def _watch(self) -> None:
        now = time.monotonic()
        for worker_id, worker in list(self.workers.items()):
            if worker.tasks and now - worker.started > self.timeout:
                limit = f"{self.timeout:g} s"
                self._give_up(worker_id, f"terraform evaluation did not finish in {limit}")
            elif not worker.process.is_alive() and not worker.tasks:
                self._give_up(worker_id, "")  # idle: replaced if jobs are left
            elif not worker.process.is_alive():
                if worker.ran_out_of_memory():
                    limit = f"{self.memory_mb} MB"
                    reason = f"terraform evaluation needed more than {limit} of memory"
                    self._give_up(worker_id, f"{reason} (--module-memory)")
                else:
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


def evaluate_in_workers(
    jobs: list[RootJob],
    workers: int,
    timeout: float,
    memory_mb: int = 0,
    cache: RootCache | None = None,
) -> list[RootResult]:
    """Evaluate `jobs` in `workers` processes, each allowed `memory_mb` of data (0: no
    limit), unchanged ones read from `cache`; results in the order of `jobs`."""
    with _worker_environment(), tempfile.TemporaryDirectory(prefix="mlposture-") as scratch:
        return _Supervisor(jobs, workers, timeout, memory_mb, Path(scratch), cache).run()
