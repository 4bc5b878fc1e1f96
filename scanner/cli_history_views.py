"""The tables of `mlposture history` and `mlposture diff` (rich, on stdout)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.history.query import SEVERITY_ORDER, Finding, RunDiff, RunInfo
from scanner.model.text import terminal_safe
from scanner.writers.table import SEVERITY_STYLES

SPARKS = "▁▂▃▄▅▆▇█"
TREND_RUNS = 12  # scores a row's trend shows: its run and the ones before it of its scope
_SHORT = {"critical": "crit", "high": "high", "medium": "med", "low": "low", "info": "info"}


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _when(stamp: datetime) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M")


def scope_text(scope: dict[str, list[str]], width: int = 48) -> str:
    """`accounts 123456789012 · regions eu-west-1`, safe for a terminal; past `width` each
    list keeps its end (a path's last folders tell runs apart, not /home/...)."""
    parts = [f"{key} {', '.join(values)}" for key, values in scope.items() if values]
    text = terminal_safe(" · ".join(parts) or "-")
    if len(text) <= width:
        return text
    share = max(8, width // max(1, len(parts)))
    cut = [p if len(p) <= share else "…" + p[-(share - 1) :] for p in parts]
    return terminal_safe(" · ".join(cut))


def sparkline(scores: Sequence[float | None]) -> str:
    """One block per run, scaled between the lowest and highest score shown; a run with
    nothing to score is a space."""
    known = [s for s in scores if s is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    out = []
    for score in scores:
        if score is None:
            out.append(" ")
        elif span == 0:
            out.append(SPARKS[len(SPARKS) // 2])
        else:
            out.append(SPARKS[round((score - low) / span * (len(SPARKS) - 1))])
    return "".join(out)


def _score(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def render_history(runs: Sequence[RunInfo], earlier: Sequence[RunInfo]) -> None:
    """`runs` oldest first; `earlier` reaches further back, for the first rows' trends."""
    by_scope: dict[int, list[RunInfo]] = {}
    for run in sorted({r.id: r for r in [*earlier, *runs]}.values(), key=lambda r: r.id):
        by_scope.setdefault(run.scope_id, []).append(run)
    table = Table(title="mlposture history", title_justify="left")
    for name in ("run", "time (UTC)", "scope", "score", "trend", "failed"):
        table.add_column(
            name, no_wrap=True, justify="right" if name in ("run", "failed") else "left"
        )
    for severity in SEVERITY_ORDER:
        table.add_column(_SHORT[severity], justify="right", style=SEVERITY_STYLES[severity])
    table.add_column("new", justify="right")
    table.add_column("resolved", justify="right")
    for run in runs:
        series = by_scope[run.scope_id]
        upto = [r.score for r in series if r.id <= run.id][-TREND_RUNS:]
        table.add_row(
            str(run.id),
            _when(run.generated_at),
            Text(scope_text(run.scope)),
            _score(run.score),
            sparkline(upto),
            str(run.failed),
            *(str(run.failed_by_severity.get(s, 0)) for s in SEVERITY_ORDER),
            Text(f"+{run.new}", style="red" if run.new else "dim"),
            Text(f"-{run.resolved}", style="green" if run.resolved else "dim"),
        )
    _console().print(table)


def _findings_table(title: str, found: Sequence[Finding], at: datetime | None) -> Table:
    table = Table(title=title, title_justify="left", box=None, padding=(0, 1))
    table.add_column("severity", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("resource")
    table.add_column("title")
    if at is not None:
        table.add_column("first seen", no_wrap=True)
        table.add_column("age", justify="right", no_wrap=True)
    for finding in found:
        row: list[Text | str] = [
            Text(finding.severity.upper(), style=SEVERITY_STYLES.get(finding.severity, "")),
            Text(terminal_safe(finding.rule_id)),
            Text(terminal_safe(finding.resource_id)),
            Text(terminal_safe(finding.title)),
        ]
        if at is not None:
            first = finding.first_seen
            row += [_when(first) if first else "-", f"{finding.age_days(at)} d"]
        table.add_row(*row)
    return table


def render_diff(diff: RunDiff) -> None:
    console = _console()
    before, after = diff.before, diff.after
    console.print(
        Text(
            f"run {before.id} ({_when(before.generated_at)}) -> run {after.id} "
            f"({_when(after.generated_at)} UTC), {scope_text(after.scope, 100)}"
        )
    )
    console.print(f"score {_score(before.score)} -> {_score(after.score)}")
    counts = diff.by_severity()
    table = Table(box=None, padding=(0, 2))
    table.add_column("severity")
    for name in ("new", "resolved", "still failing", "suppressed"):
        table.add_column(name, justify="right")
    for severity in SEVERITY_ORDER:
        row = [counts[key].get(severity, 0) for key in ("new", "resolved", "still_failing")]
        row.append(counts["suppressed"].get(severity, 0))
        table.add_row(Text(severity, style=SEVERITY_STYLES[severity]), *(str(n) for n in row))
    totals = [
        sum(counts[key].values()) for key in ("new", "resolved", "still_failing", "suppressed")
    ]
    table.add_row(Text("total", style="bold"), *(str(n) for n in totals))
    console.print(table)
    if after.carried:
        console.print(
            f"{after.carried} findings kept open: run {after.id} could not read where they are "
            "(see its errors), so they are not counted as resolved"
        )
    if diff.new:
        console.print(_findings_table(f"New ({len(diff.new)})", diff.new, after.generated_at))
    if diff.resolved:
        console.print(_findings_table(f"Resolved ({len(diff.resolved)})", diff.resolved, None))
    if diff.suppressed:
        console.print(
            _findings_table(f"Suppressed since ({len(diff.suppressed)})", diff.suppressed, None)
        )
    still = sum(counts["still_failing"].values())
    if diff.still_failing:
        listed = len(diff.still_failing)
        title = f"Still failing ({still}, oldest first" + (
            f", {listed} listed)" if listed < still else ")"
        )
        console.print(_findings_table(title, diff.still_failing, after.generated_at))
