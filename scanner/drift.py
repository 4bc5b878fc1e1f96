"""Drift between code and cloud: the same rules judged on the IaC resources and on the live
resources they deploy, matched one to one.

- drift: a rule passes in the code and fails live on the matching resource (a setting changed
  behind the code's back), with both evidences side by side;
- unmanaged: live ML resources no code declares (shadow ML);
- not deployed: ML resources the code declares that the audit did not find.

Both sides are JSON contracts (a scan with passed results, and a live audit report made with
`--include-passed`), so a live report saved yesterday, or from another machine, serves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

JsonReport = Mapping[str, Any]

# Kinds that are ML infrastructure (what a team declares in code); jobs are runs, not
# infrastructure, so a training job no code declares is not shadow ML.
_ML_PREFIXES = ("aws.sagemaker.", "azure.ml.", "gcp.vertexai.", "gcp.workbench.")
_RUN_KINDS = frozenset(
    {
        "aws.sagemaker.training_job",
        "aws.sagemaker.processing_job",
        "gcp.vertexai.custom_job",
        "gcp.vertexai.training_pipeline",
    }
)


class DriftInputError(ValueError):
    """A report that cannot serve as one side of the comparison."""


def is_ml_infrastructure(kind: str) -> bool:
    return kind.startswith(_ML_PREFIXES) and kind not in _RUN_KINDS


@dataclass(frozen=True, slots=True)
class Side:
    """One resource as one report saw it: its identity and, per rule, status and evidence."""

    resource: Mapping[str, Any]
    statuses: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[Any]] = field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # rule -> (title, sev)

    @property
    def kind(self) -> str:
        return str(self.resource.get("kind", ""))

    @property
    def name_key(self) -> tuple[str, str]:
        return (self.kind, str(self.resource.get("name") or "").lower())

    def summary(self) -> dict[str, Any]:
        keys = ("id", "kind", "type", "provider", "name", "file", "line", "account", "region")
        return {k: self.resource.get(k) for k in keys}


@dataclass(frozen=True, slots=True)
class Drifted:
    rule_id: str
    title: str
    severity: str
    code: Side
    live: Side

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "severity": self.severity,
            "code": {**self.code.summary(), "evidence": self.code.evidence.get(self.rule_id, [])},
            "live": {**self.live.summary(), "evidence": self.live.evidence.get(self.rule_id, [])},
        }


@dataclass(slots=True)
class DriftReport:
    drifted: list[Drifted] = field(default_factory=list)
    unmanaged: list[Side] = field(default_factory=list)
    not_deployed: list[Side] = field(default_factory=list)
    # Code resources whose name is only known after apply: they cannot be matched by name.
    unresolved: list[Side] = field(default_factory=list)
    matched: int = 0
    code_resources: int = 0
    live_resources: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "summary": {
                "code_resources": self.code_resources,
                "live_resources": self.live_resources,
                "matched": self.matched,
                "drifted": len(self.drifted),
                "unmanaged": len(self.unmanaged),
                "not_deployed": len(self.not_deployed),
                "unresolved": len(self.unresolved),
            },
            "drifted": [d.as_dict() for d in self.drifted],
            "unmanaged": [s.summary() for s in self.unmanaged],
            "not_deployed": [s.summary() for s in self.not_deployed],
            "unresolved": [s.summary() for s in self.unresolved],
        }


def sides(report: JsonReport) -> list[Side]:
    """Each resource of a report once, with its rules' statuses and evidence."""
    by_resource: dict[tuple[str, ...], Side] = {}
    for result in report.get("results", []):
        resource = result.get("resource") or {}
        key = tuple(
            str(resource.get(k) or "") for k in ("provider", "account", "region", "file", "id")
        )
        side = by_resource.get(key)
        if side is None:
            side = by_resource[key] = Side(resource)
        rule_id = str(result.get("rule_id"))
        side.statuses[rule_id] = str(result.get("status"))
        side.evidence[rule_id] = list(result.get("evidence") or [])
        side.titles[rule_id] = (str(result.get("title", "")), str(result.get("severity", "")))
    return list(by_resource.values())


def _lists_passed(report: JsonReport) -> bool:
    summary = report.get("summary") or {}
    passed_listed = any(r.get("status") == "passed" for r in report.get("results", []))
    return passed_listed or not summary.get("passed")


def _same_place(code: Side, live: Side) -> bool:
    """Where the code names an account or region, the live resource must be there."""
    for key in ("account", "region"):
        written, seen = code.resource.get(key), live.resource.get(key)
        if written and seen and str(written) != str(seen):
            return False
    return True


def compute_drift(code_report: JsonReport, live_report: JsonReport) -> DriftReport:
    """Match the code's resources to the live ones (by kind and name, within the account and
    region where the code names them) and compare each rule's status on both."""
    for label, report in (("code", code_report), ("live", live_report)):
        if not _lists_passed(report):
            raise DriftInputError(
                f"the {label} report lists failed results only; make it with --include-passed"
            )
    code_sides = [s for s in sides(code_report) if is_ml_infrastructure(s.kind)]
    live_sides = [s for s in sides(live_report) if is_ml_infrastructure(s.kind)]
    live_by_name: dict[tuple[str, str], list[Side]] = defaultdict(list)
    for side in live_sides:
        live_by_name[side.name_key].append(side)
    out = DriftReport(code_resources=len(code_sides), live_resources=len(live_sides))
    seen_live: set[int] = set()
    for code in code_sides:
        if not code.name_key[1]:
            out.unresolved.append(code)
            continue
        matches = [live for live in live_by_name.get(code.name_key, []) if _same_place(code, live)]
        if not matches:
            out.not_deployed.append(code)
            continue
        for live in matches:
            seen_live.add(id(live))
            out.matched += 1
            out.drifted.extend(_drifted(code, live))
    out.unmanaged = [s for s in live_sides if id(s) not in seen_live]
    out.drifted.sort(key=lambda d: (d.live.resource.get("id") or "", d.rule_id))
    return out


def _drifted(code: Side, live: Side) -> Iterable[Drifted]:
    for rule_id, status in sorted(live.statuses.items()):
        if status == "failed" and code.statuses.get(rule_id) == "passed":
            title, severity = live.titles[rule_id]
            yield Drifted(rule_id, title, severity, code, live)
