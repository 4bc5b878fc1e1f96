"""The terminal table: attack paths first, then failures grouped by resource, severity
coloured, file:line, the score."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.model.text import terminal_safe
from scanner.report import Report, Result

SEVERITY_STYLES = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
_STATUS_STYLES = {"failed": "red", "passed": "green", "suppressed": "dim"}


def _line(text: object) -> str:
    """One line of text from the scanned files as the terminal may show it: no escape
    sequences, bidirectional overrides or line breaks of its own (always inside a Text, so
    no rich markup either)."""
    return terminal_safe(str(text), one_line=True)


def _where(result: Result) -> str:
    loc = result.resource.location
    if loc.file:
        return f"{loc.file}:{loc.line}" if loc.line else loc.file
    return " ".join(p for p in (loc.account, loc.region) if p)


def _used_by(results: list[Result]) -> str:
    """The ML resources that run with a failing IAM role or policy: the first, and how many
    more (the JSON report lists them all)."""
    users = results[0].resource.values.get("used_by")
    if not isinstance(users, list) or not users:
        return ""
    if not any(r.status == "failed" for r in results):
        return ""
    more = f" (+{len(users) - 1} more)" if len(users) > 1 else ""
    return f"used by: {users[0]}{more}"


def _resource_table(results: list[Result]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("title")
    for result in results:
        severity = result.rule.severity.value
        table.add_row(
            Text(severity.upper(), style=SEVERITY_STYLES[severity]),
            Text(result.status, style=_STATUS_STYLES.get(result.status, "")),
            Text(_line(result.rule.id)),
            Text(_line(result.rule.title) + _suppression_note(result)) + _evidence(result),
        )
    return table


# Evidence lines shown under a finding; the JSON report has them all.
EVIDENCE_LINES = 6


def _evidence(result: Result) -> Text:
    """What the rule saw, one dim line per item: a Text, so nothing in it is markup."""
    if result.status != "failed" or not result.evidence:
        return Text()
    shown = [terminal_safe(e.text) for e in result.evidence[:EVIDENCE_LINES]]
    if len(result.evidence) > EVIDENCE_LINES:
        shown.append(f"(+{len(result.evidence) - EVIDENCE_LINES} more in the JSON report)")
    return Text("".join(f"\n  {line}" for line in shown), style="dim")


def _suppression_note(result: Result) -> str:
    s = result.suppression
    if s is None:
        return ""
    if result.status == "failed":
        return f"\n(suppression expired on {s.expires}: {_line(s.reason)})"
    until = f", until {s.expires}" if s.expires else ""
    return f"\n(suppressed: {_line(s.reason)}{until})"


def write_table(report: Report, out: TextIO, color: bool | None = None) -> None:
    # A terminal's own width; a file or pipe gets a fixed one so output is stable.
    width = None if color is None else 120
    console = Console(file=out, force_terminal=color, no_color=color is False, width=width)
    paths = [r for r in report.results if r.is_attack_path and r.status == "failed"]
    if paths:
        _attack_paths(console, paths)
    ordered = sorted(
        (r for r in report.results if not (r.is_attack_path and r.status == "failed")),
        key=lambda r: (
            r.resource.location.file or "",
            r.resource.location.line or 0,
            r.resource.id,
        ),
    )
    for resource_id, group in groupby(
        ordered, key=lambda r: (r.resource.id, r.resource.location.file)
    ):
        results = sorted(
            group, key=lambda r: (r.status != "failed", -r.rule.severity.rank, r.rule.id)
        )
        head = results[0]
        # The address already names the native type; the name is what the cloud will show.
        name = head.resource.name or ""
        console.print(
            Text.assemble(
                (_line(resource_id[0]), "bold"),
                (f"  {_line(name)}" if name not in resource_id[0] else ""),
                "  ",
                (_line(_where(head)), "blue"),
            )
        )
        used_by = _used_by(results)
        if used_by:
            console.print(Text(f"  {_line(used_by)}", style="dim"))
        console.print(_resource_table(results))
        console.print()
    for error in report.errors:
        where = f"{error.file}:{error.line}" if error.line else error.file
        console.print(Text.assemble(("ERROR ", "bold red"), _line(f"{where}: {error.message}")))
    for skipped in report.not_scanned:
        where = f"{skipped.file}:{skipped.line}" if skipped.line else skipped.file
        console.print(
            Text.assemble(
                ("NOT SCANNED ", "yellow"), _line(f"{where}: {skipped.what}: {skipped.reason}")
            )
        )
    _summary(console, report)


def _attack_paths(console: Console, paths: list[Result]) -> None:
    """Each failed path: its rule, and every hop of its chains on a line of its own."""
    console.print(Text(f"Attack paths ({len(paths)})", style="bold underline"))
    for result in paths:
        severity = result.rule.severity.value
        console.print(
            Text.assemble(
                (severity.upper(), SEVERITY_STYLES[severity]),
                " ",
                (_line(result.rule.id), "bold"),
                "  ",
                _line(result.rule.title),
            )
        )
        for item in result.evidence:
            console.print(Text(f"  {terminal_safe(item.text)}", style="dim"))
        console.print()


def _summary(console: Console, report: Report) -> None:
    s = report.summary
    by_severity = ", ".join(f"{n} {sev}" for sev, n in s.failed_by_severity.items()) or "none"
    console.print(
        f"{s.resources} resources judged ({s.resources_read} read), {s.rules} rules, "
        f"{s.files} files: "
        f"{s.passed} passed, {s.failed} failed ({by_severity}), {s.undecided} undecided, "
        f"{len(report.errors)} errors"
        + "".join(
            f", {n} {what}"
            for n, what in (
                (s.attack_paths, "attack path" if s.attack_paths == 1 else "attack paths"),
                (s.suppressed, "suppressed"),
                (s.baselined, "in the baseline"),
                (s.preexisting, "already failing at the diff base"),
            )
            if n
        )
    )
    if s.frameworks:
        # Checks passed per standard the rules map to (failed ones include suppressed).
        console.print(
            "Frameworks: "
            + ", ".join(
                f"{name} {t['rate']:.1%} ({t['passed']}/{t['passed'] + t['failed']})"
                for name, t in s.frameworks.items()
            )
        )
    for engine, counts in s.engines.items():
        # Another scanner merged in (scanner/checkov): how much of it the report shows.
        version = report.engines.get(engine)
        console.print(
            f"{engine.capitalize()} {version or '(no report)'}: {counts['merged']} results merged, "
            f"{counts['dropped']} left out (judged by an mlposture rule)"
        )
    providers = "  ".join(f"{p} {_shown_score(v)}" for p, v in s.score_by_provider.items())
    if s.score is None:
        shown, style = "n/a (nothing judged)", "bold"
    else:
        shown = f"{s.score:.1f}/100"
        style = "bold green" if s.score >= 80 else "bold yellow" if s.score >= 50 else "bold red"
    console.print(Text.assemble(("Score: ", "bold"), (shown, style), f"  {providers}"))


def _shown_score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"
