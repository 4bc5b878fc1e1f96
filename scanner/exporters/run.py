"""The driver: replay the spool, send the report, spool what did not arrive, retire the stale.

Guarantee: at-least-once. A finding leaves the spool only after its receiver confirmed it
(HTTP 2xx and, when HEC acknowledgement is on, an acknowledged ackId; a syslog stream closed
cleanly by the receiver; a Security Hub import without a per-finding failure). Every event
carries the finding's fingerprint so a receiver can drop duplicates.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.exporters.base import (
    Delivery,
    Destination,
    Exporter,
    ExportFailure,
    JsonResult,
    ReceiverUnavailable,
    Target,
    findings,
    redact,
)
from scanner.exporters.spool import Spool, SpooledFinding, default_spool_dir

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ExportOutcome:
    destination: str
    replayed: int = 0  # findings taken from the spool and delivered
    delivered: int = 0  # findings delivered in total, replayed ones included
    spooled: int = 0  # findings left in the spool for the next run
    retired: int = 0  # stale findings archived at the receiver (Security Hub)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spooled == 0 and not self.errors


def make_exporter(destination: Destination) -> Exporter:
    """The exporter for a destination; its clients are created here, per run."""
    if destination.target is Target.SPLUNK_HEC:
        from scanner.exporters.splunk_hec import HecExporter

        return HecExporter(destination)
    if destination.target is Target.SYSLOG:
        from scanner.exporters.syslog import SyslogExporter

        return SyslogExporter(destination)
    from scanner.exporters.securityhub import SecurityHubExporter

    return SecurityHubExporter(destination)


def export_report(
    report: Mapping[str, Any] | None,
    destination: Destination,
    *,
    spool_root: Path | None = None,
    exporter: Exporter | None = None,
) -> ExportOutcome:
    """Send a JSON-contract report (or, with None, only the spool) to one destination."""
    spool = Spool(spool_root or default_spool_dir(), destination.spool_key, destination.spool_label)
    outcome = ExportOutcome(destination.describe())
    spooled, old_files = spool.load()
    pending = _pending(spooled, report)
    from_spool = {id(entry.result) for entry in spooled}
    if not pending and report is None:
        return outcome
    undelivered: list[SpooledFinding] = []
    failure: ExportFailure | None = None
    try:
        exporter = exporter or make_exporter(destination)
    except ExportFailure as exc:  # unusable as given (no token, bad URL): keep everything
        undelivered, failure = list(pending.values()), exc
    else:
        try:
            undelivered, failure = _send(exporter, pending, from_spool, outcome)
            # A report of changes only (--export-changes) says itself what was resolved:
            # what it leaves out still stands and must not be retired.
            if failure is None and report is not None and not report.get("changes_only"):
                try:
                    outcome.retired = exporter.reconcile(report)
                except ExportFailure as exc:
                    outcome.errors.append(f"{destination.describe()}: {exc}")
        finally:
            exporter.close()
    if failure is not None:
        outcome.errors.append(f"{destination.describe()}: {failure}")
    spool.write(undelivered)  # the new file is in place before the old ones go
    spool.remove(old_files)
    outcome.spooled = len(undelivered)
    # Libraries quote the URL they were given (botocore's endpoint errors): never its secrets.
    outcome.errors = [redact(error, destination.secrets()) for error in outcome.errors]
    if undelivered:
        log.warning("%d findings spooled in %s", len(undelivered), spool.folder)
    return outcome


def _send(
    exporter: Exporter,
    pending: Mapping[str, SpooledFinding],
    from_spool: set[int],
    outcome: ExportOutcome,
) -> tuple[list[SpooledFinding], ExportFailure | None]:
    """Deliver every pending finding, group by group; stop at the first failure."""
    undelivered: list[SpooledFinding] = []
    failure: ExportFailure | None = None
    for tool, group in _by_tool(list(pending.values())):
        if failure is not None:
            undelivered.extend(group)
            continue
        delivery = _deliver(exporter, group, tool)
        outcome.delivered += delivery.delivered
        left = {id(result) for result in delivery.undelivered}
        outcome.replayed += sum(
            1 for e in group if id(e.result) in from_spool and id(e.result) not in left
        )
        undelivered.extend(SpooledFinding(r, tool) for r in delivery.undelivered)
        failure = delivery.failure
    return undelivered, failure


def _pending(
    spooled: Sequence[SpooledFinding], report: Mapping[str, Any] | None
) -> dict[str, SpooledFinding]:
    """Spooled findings first, then the report's; one entry per fingerprint, newest wins."""
    pending: dict[str, SpooledFinding] = {}
    for entry in spooled:
        pending[str(entry.result.get("fingerprint"))] = entry
    if report is not None:
        tool = report.get("tool") or {"name": "mlposture"}
        for result in findings(report):
            pending[str(result["fingerprint"])] = SpooledFinding(result, tool)
    return pending


def _by_tool(
    entries: Sequence[SpooledFinding],
) -> Iterator[tuple[Mapping[str, Any], list[SpooledFinding]]]:
    """Consecutive runs of entries made by the same tool version, in order."""
    group: list[SpooledFinding] = []
    key = ""
    for entry in entries:
        entry_key = json.dumps(entry.tool, sort_keys=True)
        if group and entry_key != key:
            yield group[0].tool, group
            group = []
        key = entry_key
        group.append(entry)
    if group:
        yield group[0].tool, group


def _deliver(
    exporter: Exporter, group: Sequence[SpooledFinding], tool: Mapping[str, Any]
) -> Delivery:
    results: list[JsonResult] = [entry.result for entry in group]
    try:
        return exporter.deliver(results, tool)
    except ExportFailure as exc:  # an exporter that gave up before confirming anything
        return Delivery(0, results, exc)
    except OSError as exc:  # a network error the exporter did not classify
        return Delivery(0, results, ReceiverUnavailable(f"{type(exc).__name__}: {exc}"))
