"""Rule documentation, generated from the rule files (docs/rules.md)."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

import yaml

from scanner.engine.rules import Rule

_HEADER = """# mlposture rules

Generated from the rule files by `mlposture rules docs`; do not edit by hand.
Each rule is written once against a normalized kind and judges every source mapped onto it.
"""


def _frameworks(rule: Rule) -> str:
    return "; ".join(f"{name}: {', '.join(ids)}" for name, ids in rule.frameworks.items() if ids)


def write_rule_docs(rules: list[Rule], out: TextIO) -> None:
    out.write(_HEADER)
    out.write("\n| id | severity | category | kind | title | frameworks |\n")
    out.write("|---|---|---|---|---|---|\n")
    for rule in rules:
        out.write(
            f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity.value} | {rule.category.value} "
            f"| `{rule.kind}` | {rule.title} | {_frameworks(rule)} |\n"
        )
    for kind, group in groupby(sorted(rules, key=lambda r: (r.kind, r.id)), key=lambda r: r.kind):
        out.write(f"\n## `{kind}`\n")
        for rule in group:
            out.write(f"\n### {rule.id}\n\n**{rule.title}** (`{rule.slug}`)  \n")
            out.write(f"Severity: {rule.severity.value}. Category: {rule.category.value}.\n\n")
            out.write(rule.rationale.strip() + "\n\n")
            out.write("Check:\n\n```yaml\n")
            out.write(yaml.safe_dump(rule.check, sort_keys=False))
            out.write("```\n\nRemediation:\n\n")
            for source, text in rule.remediation.items():
                out.write(f"- {source}: {text.strip()}\n")
            if rule.frameworks:
                out.write(f"\nFrameworks: {_frameworks(rule)}\n")
            if rule.references:
                out.write("\nReferences:\n\n")
                out.writelines(f"- {ref}\n" for ref in rule.references)
