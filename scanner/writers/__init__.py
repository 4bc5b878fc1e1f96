"""Writers turn a Report into a format. `FORMATS` is the `--format` choice list of every command.

- table: the terminal table (rich); json: the output contract (DESIGN.md)
- sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML for CI test views; csv: one row a
  result; ocsf: OCSF Compliance Findings, one JSON object a line; asff: AWS Security Finding
  Format, a JSON array ready for Security Hub `BatchImportFindings`; html: one self-contained
  page to read (charts, filters, evidence), made from the JSON contract.
The SIEM builders (`scanner.writers.ocsf.ocsf_events`, `scanner.writers.asff.asff_findings`)
work on the JSON contract, so saved reports convert the same way.

Each writer is imported when it writes: `rules list` imports a module of this package, and
must not pay for the report model nor the OCSF models (pydantic) of the `ocsf` format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from scanner.errors import UsageError

if TYPE_CHECKING:
    from scanner.report import Report

FORMATS = ("table", "json", "sarif", "junit", "csv", "ocsf", "asff", "html")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    to_terminal: bool = False
    # ASFF only: the Security Hub account and region the findings are imported into.
    aws_account_id: str | None = None
    aws_region: str | None = None
    aws_partition: str = "aws"


def _only(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def asff_target(report: Report, options: WriteOptions) -> tuple[str, str]:
    """Account and region for ASFF: given, else the one live account / region of the report
    (then AWS_REGION / AWS_DEFAULT_REGION for the region); a UsageError when unknown."""
    accounts = {r.resource.location.account for r in report.results if r.resource.location.account}
    regions = {r.resource.location.region for r in report.results if r.resource.location.region}
    return asff_target_of(accounts, regions, options)


def asff_target_of(accounts: set[str], regions: set[str], options: WriteOptions) -> tuple[str, str]:
    """`asff_target` from the accounts and regions of a report's resources."""
    account = options.aws_account_id or _only(accounts)
    region = (
        options.aws_region
        or _only(regions)
        or os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
    )
    if not account or not account.isdigit() or len(account) != 12:
        raise UsageError("--format asff needs --aws-account-id: the 12-digit Security Hub account")
    if not region:
        raise UsageError("--format asff needs --aws-region (or AWS_REGION)")
    return account, region


def write_report(report: Report, fmt: str, out: TextIO, options: WriteOptions) -> None:
    """Write `report` in `fmt` (one of FORMATS); UsageError if ASFF lacks its account."""
    if fmt == "json":
        from scanner.writers.json_writer import write_json

        write_json(report, out)
    elif fmt == "sarif":
        from scanner.writers.sarif import write_sarif

        write_sarif(report, out)
    elif fmt == "junit":
        from scanner.writers.junit import write_junit

        write_junit(report, out)
    elif fmt == "csv":
        from scanner.writers.csv_writer import write_csv

        write_csv(report, out)
    elif fmt == "ocsf":
        from scanner.writers.ocsf import write_ocsf

        write_ocsf(report, out)
    elif fmt == "asff":
        from scanner.writers.asff import write_asff

        account, region = asff_target(report, options)
        write_asff(report, out, account_id=account, region=region, partition=options.aws_partition)
    elif fmt == "html":
        from scanner.writers.html import write_html

        write_html(report.as_dict(), out)
    elif fmt == "table":
        from scanner.writers.table import write_table

        write_table(report, out, color=None if options.to_terminal else False)
    else:
        raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


# Named here as before, imported on first use.
_LAZY = {
    "write_html": "scanner.writers.html",
    "write_json": "scanner.writers.json_writer",
    "write_table": "scanner.writers.table",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "WriteOptions",
    "asff_target",
    "asff_target_of",
    "write_html",
    "write_json",
    "write_report",
    "write_table",
]
