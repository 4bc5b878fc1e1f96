"""The report's summary, each number computed in one place.

- What the engine decided (`Tally`, from the outcomes table, in Polars): resources and rules
  judged, checks passed and undecided, the score and the standards' pass rates. Every check
  counts, suppressed and baselined ones too, so a suppression never raises the score.
- What the sources read: files, resources of any type, files not scanned. Given once.
- What the results say as they stand after suppressions and baselines: failed, failed by
  severity, suppressed, and the errors. `Report.recount()` alone counts those, when the
  report is built here and again whenever a review step leaves results out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter

import polars as pl

from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID
from scanner.errors import InputError, NotScanned
from scanner.model.resource import Resource
from scanner.report import Report, Result, Summary
from scanner.scoring import scores

_provider_of = attrgetter("provider")


@dataclass(frozen=True, slots=True)
class Tally:
    """What the engine decided, before suppressions and baselines."""

    resources: int = 0
    rules: int = 0
    passed: int = 0
    undecided: int = 0
    score: float | None = None
    score_by_provider: dict[str, float] = field(default_factory=dict)
    frameworks: dict[str, dict[str, int | float]] = field(default_factory=dict)


def tally(
    outcomes: pl.DataFrame,
    resources: list[Resource],
    rules: dict[str, Rule],
    other: pl.DataFrame | None = None,
) -> Tally:
    """The counts of evaluate's outcomes table (one row per resource and rule). `other`:
    decided outcomes of another engine (rule_id, passed, severity, provider: Checkov's),
    counted in the passes and the score."""
    rule_meta = pl.DataFrame(
        {
            "rule_id": list(rules),
            "severity": [r.severity.value for r in rules.values()],
            "category": [r.category.value for r in rules.values()],
        },
        schema={"rule_id": pl.String(), "severity": pl.String(), "category": pl.String()},
    )
    # Each row's provider taken at its place (the row id is the resource's index), cheaper
    # than a join on a million rows.
    providers = pl.Series("provider", list(map(_provider_of, resources)), dtype=pl.String())
    # Counted per (rule, provider, outcome) before anything else: the score and the rates
    # read a few hundred rows, not a million.
    decided = (
        outcomes.filter(pl.col("passed").is_not_null())
        .with_columns(pl.lit(providers).gather(pl.col(ROW_ID)).alias("provider"))
        .group_by("rule_id", "provider", "passed")
        .agg(pl.len().cast(pl.Int64()).alias("count"))
        .join(rule_meta, on="rule_id", how="left")
    )
    undecided = outcomes.height - int(decided["count"].sum())
    if other is not None:
        other = other.with_columns(
            pl.lit(None, dtype=pl.String()).alias("category"),
            pl.lit(1, dtype=pl.Int64()).alias("count"),
        )
        decided = pl.concat([decided.select(other.columns), other])
    score, by_provider = scores(decided)
    return Tally(
        resources=len(resources),
        rules=len(rules),
        passed=int(decided.filter(pl.col("passed"))["count"].sum()),
        undecided=undecided,
        score=score,
        score_by_provider=by_provider,
        frameworks=_framework_rates(decided, rules),
    )


def _framework_rates(
    decided: pl.DataFrame, rules: dict[str, Rule]
) -> dict[str, dict[str, int | float]]:
    """Checks passed and failed per standard the rules map to, and the pass rate."""
    mapped = pl.DataFrame(
        [(rule_id, name) for rule_id, rule in rules.items() for name in rule.frameworks],
        schema={"rule_id": pl.String(), "framework": pl.String()},
        orient="row",
    )
    # Counted per rule first: joined to the standards, a million outcomes would be copied
    # once per standard their rule maps to.
    counted = (
        decided.group_by("rule_id")
        .agg(
            passed=pl.col("count").filter(pl.col("passed")).sum(),
            failed=pl.col("count").filter(~pl.col("passed")).sum(),
        )
        .join(mapped, on="rule_id")
        .group_by("framework")
        .agg(pl.col("passed", "failed").sum())
        .sort("framework")
    )
    return {
        name: {"passed": passed, "failed": failed, "rate": round(passed / (passed + failed), 4)}
        for name, passed, failed in counted.iter_rows()
    }


@dataclass(frozen=True, slots=True)
class Read:
    """What the sources read: code files, and managed resources of any type."""

    files: int = 0
    resources: int = 0
    not_scanned: tuple[NotScanned, ...] = ()
    readable: bool = True  # False: nothing could be read at all (exit code 2)


def build_report(
    judged: Tally,
    results: list[Result],
    errors: list[InputError],
    read: Read,
    generated_at: datetime | None = None,
    scope: dict[str, list[str]] | None = None,
    notes: list[str] | None = None,
) -> Report:
    """The report of a scan or an audit, its summary whole."""
    summary = Summary(
        resources=judged.resources,
        resources_read=read.resources,
        rules=judged.rules,
        passed=judged.passed,
        undecided=judged.undecided,
        score=judged.score,
        score_by_provider=judged.score_by_provider,
        frameworks=judged.frameworks,
        files=read.files,
        not_scanned=len(read.not_scanned),
    )
    report = Report(
        summary=summary,
        results=results,
        errors=errors,
        not_scanned=list(read.not_scanned),
        readable=read.readable,
        generated_at=generated_at or datetime.now(UTC),
        scope=scope or {},
        notes=notes or [],
    )
    report.recount()
    return report
