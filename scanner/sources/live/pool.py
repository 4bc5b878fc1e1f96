"""The bounded pool every live source reads on: a failed read becomes a coverage gap of its
(account, region, service), never the audit's end."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from scanner.sources.live.common import CoverageGap, ProgressSink

log = logging.getLogger(__name__)

# (account, region, service, the error) -> the gap, in the cloud's own words.
GapOf = Callable[[str, str, str, Exception], CoverageGap]


class GapPool:
    def __init__(
        self,
        workers: int,
        progress: ProgressSink | None,
        gap_of: GapOf,
        expected: tuple[type[Exception], ...] = (),
    ) -> None:
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers))
        self._progress = progress
        self._gap_of = gap_of
        self._expected = expected  # the cloud's API errors: logged without a traceback
        self._pending: list[tuple[Future[None], str, str, str]] = []
        self.gaps: list[CoverageGap] = []

    def plan(self, account: str, region: str, total: int) -> None:
        """Tell the progress bar how many reads an (account, region) will hold."""
        if self._progress is not None and total:
            self._progress.add(account, region, total)

    def submit(
        self,
        account: str,
        region: str,
        service: str,
        task: Callable[[], None],
        *,
        planned: bool = True,
    ) -> None:
        """Run `task`; a failure is a gap of (account, region, service). `planned=False`:
        the read was not announced with `plan`, so it counts itself."""
        if not planned:
            self.plan(account, region, 1)
        self._pending.append((self._executor.submit(task), account, region, service))

    def wait(self) -> None:
        for future, account, region, service in self._pending:
            try:
                future.result()
            except Exception as exc:  # any failure of one read is a gap, not the audit's end
                if not isinstance(exc, self._expected):
                    log.debug("reading %s in %s/%s failed", service, account, region, exc_info=True)
                self.gaps.append(self._gap_of(account, region, service, exc))
            if self._progress is not None:
                self._progress.advance(account, region)
        self._pending.clear()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def merge_gaps(gaps: Iterable[CoverageGap]) -> list[CoverageGap]:
    """One gap per (provider, account, region, service, reason), in a stable order: a region
    that is not enabled, or a subscription that answers 403, fails every call alike."""
    merged: dict[tuple[str, str, str, str, str], list[CoverageGap]] = {}
    for gap in gaps:
        key = (gap.provider, gap.account, gap.region, gap.service, gap.reason)
        merged.setdefault(key, []).append(gap)
    out = []
    for (provider, account, region, service, reason), group in sorted(merged.items()):
        detail = group[0].detail
        if len(group) > 1:
            detail += f" (and {len(group) - 1} more calls)"
        out.append(CoverageGap(account, region, service, reason, detail, provider=provider))
    return out
