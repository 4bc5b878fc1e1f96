"""A bounded pool of reads: a failed read becomes a coverage gap, never the audit's end."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from scanner.sources.live.azure.client import ArmError
from scanner.sources.live.azure.gaps import gap
from scanner.sources.live.common import CoverageGap, ProgressSink

log = logging.getLogger(__name__)


class Pool:
    def __init__(self, workers: int, progress: ProgressSink | None) -> None:
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers))
        self._progress = progress
        self._pending: list[tuple[Future[None], str, str, str]] = []
        self.gaps: list[CoverageGap] = []

    def submit(self, account: str, region: str, service: str, task: Callable[[], None]) -> None:
        """Run `task`; a failure is a gap of (account, region, service)."""
        if self._progress is not None:
            self._progress.add(account, region, 1)
        self._pending.append((self._executor.submit(task), account, region, service))

    def wait(self) -> None:
        for future, account, region, service in self._pending:
            try:
                future.result()
            except Exception as exc:  # any failure of one read is a gap, not the audit's end
                if not isinstance(exc, ArmError):
                    log.debug("reading %s in %s/%s failed", service, account, region, exc_info=True)
                self.gaps.append(gap(account, region, service, exc))
            if self._progress is not None:
                self._progress.advance(account, region)
        self._pending.clear()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
