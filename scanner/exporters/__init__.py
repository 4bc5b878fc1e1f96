"""Exporters ship a JSON-contract report to a SIEM: Splunk HEC, syslog/CEF, Security Hub.

    export_report(report_dict, Destination(Target.SPLUNK_HEC, url, token=...)) -> ExportOutcome

Undelivered findings wait in an on-disk spool per destination and go first on the next run.
"""

from scanner.exporters.base import (
    Delivery,
    Destination,
    Exporter,
    ExportFailure,
    ReceiverRejected,
    ReceiverUnavailable,
    Target,
    findings,
)
from scanner.exporters.run import ExportOutcome, export_report, make_exporter
from scanner.exporters.spool import Spool, default_spool_dir

__all__ = [
    "Delivery",
    "Destination",
    "ExportFailure",
    "ExportOutcome",
    "Exporter",
    "ReceiverRejected",
    "ReceiverUnavailable",
    "Spool",
    "Target",
    "default_spool_dir",
    "export_report",
    "findings",
    "make_exporter",
]
