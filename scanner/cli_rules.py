"""`mlposture rules`: list, show and document the rules (no scan pipeline imported).

`rules list` reads the cached listing (engine/rule_listing.py); the others import what they
need (the rule models, the condition language) when they run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import rich_click as click
from rich.console import Console

from scanner.cli_exit import EXIT_USAGE
from scanner.engine.rule_listing import listed_rules
from scanner.engine.rule_terms import RuleLoadError
from scanner.errors import UsageError
from scanner.writers.rule_table import console_variant, rule_table, table_text
from scanner.writers.threats import answers, framework_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from scanner.engine.rules import Rule


def _unusable(exc: Exception) -> NoReturn:
    click.echo(f"mlposture: {exc}", err=True)
    sys.exit(EXIT_USAGE)


def _rules(rules_dir: tuple[Path, ...]) -> list[Rule]:
    from scanner.engine.rulebook import load_rulebook

    try:
        # Every rule, preview and deprecated ones too: they are listed with their status.
        return list(load_rulebook(rules_dir, builtin=True).rules)
    except (UsageError, RuleLoadError) as exc:
        _unusable(exc)


@click.group("rules")
def rules_group() -> None:
    """List and explain the rules."""


@rules_group.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--threat",
    help="Only rules answering this threat: poisoning, tampering, theft, secrets, blind-spots,"
    " or a MITRE ATLAS / OWASP ML id (AML.T0020, ML05).",
)
@click.option(
    "--framework",
    help="Only rules mapped to this standard (atlas, owasp-ml, aws-fsbp, azure-policy, ...).",
)
def rules_list(
    fmt: str, rules_dir: tuple[Path, ...], threat: str | None, framework: str | None
) -> None:
    """Every rule: id, severity, title, kind and category, status."""
    try:
        # Read from the cache of validated rules while no rule file (nor the code) changed:
        # neither pydantic nor Polars is imported then.
        listing = listed_rules(rules_dir)
    except (UsageError, RuleLoadError) as exc:
        _unusable(exc)
    rules = listing.rules
    if threat:
        rules = [r for r in rules if answers(r, threat)]
    if framework:
        rules = [r for r in rules if r.frameworks.get(framework_name(framework))]
    if fmt == "json":
        import json

        click.echo(json.dumps([r.dump for r in rules], indent=2))
        return
    console = Console()  # the terminal's width (80 when not a terminal)
    variant = console_variant(console)
    if variant is None:
        console.print(rule_table(rules))
        return
    # Rendering the table costs more than the rest: its text is kept with the listing.
    console.file.write(listing.text(rules, variant, lambda: table_text(console, rules)))
    console.file.flush()


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_show(rule_id: str, rules_dir: tuple[Path, ...]) -> None:
    """One rule in full: why it matters, how to fix it, what it maps to."""
    matches = [r for r in _rules(rules_dir) if rule_id in (r.id, r.slug)]
    if not matches:
        click.echo(f"mlposture: unknown rule {rule_id}", err=True)
        sys.exit(EXIT_USAGE)
    rule = matches[0]
    import yaml

    from scanner.engine.language import as_written

    console = Console(width=100)
    console.print(
        f"[bold]{rule.id}[/bold] ({rule.slug})  {rule.severity.value}  {rule.category.value}"
    )
    console.print(f"[bold]{rule.title}[/bold]")
    console.print(f"kind: {rule.kind}")
    if rule.status.value != "stable":
        replaced = f", replaced by {rule.replaced_by}" if rule.replaced_by else ""
        console.print(f"status: {rule.status.value}{replaced}")
    console.print()
    console.print(rule.rationale.strip() + "\n")
    written = yaml.safe_dump(as_written(rule.check), sort_keys=False).rstrip()
    console.print("[bold]check[/bold]\n" + written)
    console.print("\n[bold]remediation[/bold]")
    for source, text in rule.remediation.items():
        console.print(f"  {source}: {text.strip()}")
    if rule.frameworks:
        console.print("\n[bold]frameworks[/bold]")
        for name, ids in rule.frameworks.items():
            console.print(f"  {name}: {', '.join(ids)}")
    if rule.equivalents:
        console.print("\n[bold]equivalent checks[/bold]")
        for tool, ids in rule.equivalents.items():
            console.print(f"  {tool}: {', '.join(ids)}")
    for ref in rule.references:
        console.print(f"  {ref}")


def _write_page(
    write: Callable[[list[Rule], TextIO], None], rules: list[Rule], output: Path | None
) -> None:
    """A generated page to `output`, or to standard output without one."""
    if output is None:
        write(rules, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        write(rules, out)


@rules_group.command("docs")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_docs(output: Path | None, rules_dir: tuple[Path, ...]) -> None:
    """Write the rule documentation (Markdown) generated from the rule files."""
    from scanner.writers.rule_docs import write_rule_docs

    _write_page(write_rule_docs, _rules(rules_dir), output)


@rules_group.command("threats")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path))
def rules_threats(output: Path | None, rules_dir: tuple[Path, ...]) -> None:
    """Write the threat x cloud matrix (Markdown): which rules answer each ML threat."""
    from scanner.writers.threats import write_threat_matrix

    _write_page(write_threat_matrix, _rules(rules_dir), output)


@rules_group.command("schema")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def rules_schema(output: Path | None) -> None:
    """Print the JSON Schema of rule files (editors complete and check rules with it)."""
    from scanner.engine.schema import schema_text

    if output is None:
        click.echo(schema_text(), nl=False)
        return
    output.write_text(schema_text(), encoding="utf-8")
