"""`rules list`: the rules as a terminal table (from the rule book or the cached listing), and
the key its rendered text is kept by."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scanner.engine.rule_terms import RuleStatus, RuleSummary

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def rule_table(rules: Sequence[RuleSummary]) -> Table:
    """`rules list`: id and severity, then the title with the kind and category on the line
    below it, so that it fits an 80-column terminal (the title wraps, the id never does)."""
    # Imported here: a listing whose text is kept builds no table.
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from scanner.model.text import terminal_safe

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


def console_variant(console: Console) -> str | None:
    """What a table rendered for `console` depends on besides its rules (the width, colours,
    encoding), as a key of the rendered text; None where rich writes a table otherwise than
    it renders it (a legacy Windows console, Jupyter), which is never kept."""
    if console.legacy_windows or console.is_jupyter:
        return None
    shape = [
        "table",
        console.width,
        console.color_system,
        console.no_color,
        console.is_terminal,
        console.is_dumb_terminal,
        console.encoding,
    ]
    return repr(shape)


def table_text(console: Console, rules: Sequence[RuleSummary]) -> str:
    """The table as `console.print` writes it."""
    with console.capture() as captured:
        console.print(rule_table(rules))
    return captured.get()
