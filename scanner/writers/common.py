"""What every machine-readable format reads from the JSON contract (`Report.as_dict()`).

The builders for SIEM formats work on the contract's dicts, not on `Report`, so that a saved
`--format json` report can be converted and exported later with the same code.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from scanner.engine.rule_terms import EQUIVALENT_TOOLS

# The JSON contract (DESIGN.md "Output contract") as parsed JSON.
JsonReport = Mapping[str, Any]
JsonResult = Mapping[str, Any]

SEVERITIES = ("critical", "high", "medium", "low", "info")


def results(report: JsonReport) -> list[JsonResult]:
    found = report.get("results") or []
    return [r for r in found if isinstance(r, Mapping)]


def resource(result: JsonResult) -> Mapping[str, Any]:
    value = result.get("resource")
    return value if isinstance(value, Mapping) else {}


def suppression_reason(result: JsonResult) -> str | None:
    """The reason of a suppressed result, wherever the contract keeps it (str or object)."""
    if result.get("status") != "suppressed":
        return None
    for key in ("suppression", "suppression_reason", "reason"):
        value = result.get(key)
        if isinstance(value, Mapping):
            value = value.get("reason")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def report_time(report: JsonReport, time: datetime | None = None) -> datetime:
    """The time findings are stamped with: given, else the report's own, else now (UTC)."""
    if time is not None:
        return time if time.tzinfo else time.replace(tzinfo=UTC)
    for key in ("generated_at", "time"):
        stamp = report.get(key)
        if isinstance(stamp, str):
            try:
                parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            except ValueError:
                continue
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def tool_version(report: JsonReport) -> str:
    tool = report.get("tool")
    version = tool.get("version") if isinstance(tool, Mapping) else None
    return str(version) if version else "0"


def framework_ids(result: JsonResult) -> list[str]:
    """`aws-fsbp SageMaker.1`, `nist-800-53 AC-6`, ... in the rule's own order."""
    return [f"{name} {ident}" for name, ids in _standards(result) for ident in ids]


def standards(result: JsonResult) -> list[str]:
    """The standards a result's rule maps to (aws-fsbp, nist-800-53, ...), sorted."""
    return sorted(name for name, _ in _standards(result))


def _standards(result: JsonResult) -> list[tuple[str, list[str]]]:
    """A rule's `frameworks` holds standards only (checked at load); a report saved before
    other scanners' ids moved to `equivalents` still has them there, and they stay out."""
    frameworks = result.get("frameworks")
    if not isinstance(frameworks, Mapping):
        return []
    return [
        (str(name), [str(i) for i in ids or ()])
        for name, ids in frameworks.items()
        if name not in EQUIVALENT_TOOLS
    ]


def normalized_path(file: str) -> str:
    """A report path without `..` detours (`envs/dev/../../modules/nb/main.tf`)."""
    cleaned = posixpath.normpath(file.replace("\\", "/"))
    return "" if cleaned == "." else cleaned


def where(res: Mapping[str, Any]) -> str:
    """`file:line` for code, `account region` for a live resource."""
    file = res.get("file")
    if file:
        line = res.get("line")
        return f"{file}:{line}" if line else str(file)
    return " ".join(str(p) for p in (res.get("account"), res.get("region")) if p)
