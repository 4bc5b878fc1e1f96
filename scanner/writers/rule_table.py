"""`rules list`: the rules as a terminal table (from the rule book or the cached listing)."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from scanner.engine.rule_terms import RuleStatus, RuleSummary
from scanner.model.text import terminal_safe


def rule_table(rules: Sequence[RuleSummary]) -> Table:
    """`rules list`: id and severity, then the title with the kind and category on the line
    below it, so that it fits an 80-column terminal (the title wraps, the id never does)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("title / kind, category")
    for rule in rules:
        cell = Text(terminal_safe(rule.title))
        if rule.status is not RuleStatus.STABLE:
            replaced = f", replaced by {rule.replaced_by}" if rule.replaced_by else ""
            cell.append(f" [{rule.status.value}{replaced}]", style="yellow")
        cell.append(f"\n{rule.kind}, {rule.category.value}", style="dim")
        table.add_row(rule.id, rule.severity.value, cell)
    return table
