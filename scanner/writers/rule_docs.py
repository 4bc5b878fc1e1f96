"""Rule documentation, generated from the rule files: docs/rules.md (the table of `rules list`
is rule_table.py)."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

import yaml

from scanner.engine.language import as_written
from scanner.engine.rules import Rule, RuleStatus

_HEADER = """# mlposture rules

Generated from the rule files by `mlposture rules docs`; do not edit by hand.
Each rule is written once against a normalized kind and judges every source mapped onto it.
"""


def _mapping(ids_by_name: dict[str, list[str]]) -> str:
    return "; ".join(f"{name}: {', '.join(ids)}" for name, ids in ids_by_name.items() if ids)


def _status(rule: Rule) -> str:
    """Empty for a stable rule; `preview`, `deprecated`, `deprecated, replaced by X`."""
    if rule.status is RuleStatus.STABLE:
        return ""
    if rule.replaced_by:
        return f"{rule.status.value}, replaced by [{rule.replaced_by}](#{rule.replaced_by.lower()})"
    return rule.status.value


def _title(rule: Rule) -> str:
    status = _status(rule)
    return f"{rule.title} ({status})" if status else rule.title


def write_rule_docs(rules: list[Rule], out: TextIO) -> None:
    out.write(_HEADER)
    out.write("\n| id | severity | category | kind | title | frameworks |\n")
    out.write("|---|---|---|---|---|---|\n")
    for rule in rules:
        out.write(
            f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity.value} | {rule.category.value} "
            f"| `{rule.kind}` | {_title(rule)} | {_mapping(rule.frameworks)} |\n"
        )
    for kind, group in groupby(sorted(rules, key=lambda r: (r.kind, r.id)), key=lambda r: r.kind):
        out.write(f"\n## `{kind}`\n")
        for rule in group:
            out.write(f"\n### {rule.id}\n\n**{rule.title}** (`{rule.slug}`)  \n")
            out.write(f"Severity: {rule.severity.value}. Category: {rule.category.value}.")
            status = _status(rule)
            out.write(f" Status: {status}.\n\n" if status else "\n\n")
            out.write(rule.rationale.strip() + "\n\n")
            out.write("Check:\n\n```yaml\n")
            out.write(yaml.safe_dump(as_written(rule.check), sort_keys=False))
            out.write("```\n\nRemediation:\n\n")
            for source, text in rule.remediation.items():
                out.write(f"- {source}: {text.strip()}\n")
            if rule.frameworks:
                out.write(f"\nFrameworks: {_mapping(rule.frameworks)}\n")
            if rule.equivalents:
                out.write(f"\nEquivalent checks: {_mapping(rule.equivalents)}\n")
            if rule.references:
                out.write("\nReferences:\n\n")
                out.writelines(f"- {ref}\n" for ref in rule.references)
