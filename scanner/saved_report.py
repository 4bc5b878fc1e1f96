"""A kept JSON report written again in the formats that are made from the JSON contract.

JUnit, CSV, OCSF, ASFF and HTML are built from `Report.as_dict()` alone (their writers call
nothing else), so the parsed text of a `--format json` report gives them again, byte for
byte, without scanning. SARIF and the table read the rules and resources themselves (a rule's
rationale, a result's evidence objects), which the JSON does not hold whole: the run cache
keeps their text beside the entry instead (scanner/scan_cache.py).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, cast

import orjson

if TYPE_CHECKING:
    from scanner.report import Report
    from scanner.writers import WriteOptions

# Formats written from the JSON text; the others are kept as their own text.
FROM_JSON: Final = frozenset({"junit", "csv", "ocsf", "asff", "html"})
KEPT_AS_TEXT: Final = frozenset({"sarif", "table"})


class _Saved:
    """A parsed JSON report standing in for the Report whose `as_dict()` it is."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document

    def as_dict(self) -> dict[str, Any]:
        return self._document


def restamped(text: bytes | memoryview, when: datetime) -> dict[str, Any]:
    """The parsed report with this run's time (ValueError if `text` is not a JSON object)."""
    document = orjson.loads(text)
    if not isinstance(document, dict):
        raise ValueError("not a JSON report")
    document["generated_at"] = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return document


def _locations(document: Mapping[str, Any], key: str) -> set[str]:
    found: set[str] = set()
    for result in document.get("results") or []:
        resource = result.get("resource") if isinstance(result, Mapping) else None
        value = resource.get(key) if isinstance(resource, Mapping) else None
        if isinstance(value, str) and value:
            found.add(value)
    return found


def render(document: dict[str, Any], fmt: str, options: WriteOptions) -> str:
    """`document` in `fmt` (one of FROM_JSON), as its writer writes the Report; a
    UsageError when ASFF lacks its account or region."""
    # Each writer imported when it writes: a cached answer loads its own format's alone.
    report = cast("Report", _Saved(document))
    out = io.StringIO()
    if fmt == "junit":
        from scanner.writers.junit import write_junit

        write_junit(report, out)
    elif fmt == "csv":
        from scanner.writers.csv_writer import write_csv

        write_csv(report, out)
    elif fmt == "ocsf":
        from scanner.writers.ocsf import write_ocsf

        write_ocsf(report, out)
    elif fmt == "asff":
        from scanner.writers import asff_target_of
        from scanner.writers.asff import write_asff

        accounts, regions = _locations(document, "account"), _locations(document, "region")
        account, region = asff_target_of(accounts, regions, options)
        write_asff(report, out, account_id=account, region=region, partition=options.aws_partition)
    elif fmt == "html":
        from scanner.writers.html import write_html

        write_html(document, out)
    else:
        raise ValueError(f"{fmt} is not written from the JSON report")
    return out.getvalue()
