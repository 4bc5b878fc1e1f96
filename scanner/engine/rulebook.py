"""The rule book of a run: the catalog of kinds and every rule a run may name, loaded once.

A scan, an audit and the `rules` commands each load one; a caller that runs many scans with
the same rules (a test session) loads it once and passes it in. Which of its rules a run
judges is a selection (selection.py) over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scanner.engine.rules import (
    Rule,
    RuleLoadError,
    builtin_rules_dir,
    effective_ids,
    load_rules,
    merge_rule_sets,
)
from scanner.engine.selection import Selection, apply_selection
from scanner.errors import UsageError
from scanner.mappings import Catalog, load_catalog


@dataclass(frozen=True, slots=True)
class RuleBook:
    catalog: Catalog
    # Built-in and user rules, every status: every id a suppression or `--rule` may name.
    rules: tuple[Rule, ...]
    # What it was loaded from, so that a run is never judged by another run's rules.
    rules_dirs: tuple[Path, ...] = ()
    builtin: bool = True

    def select(self, selection: Selection) -> list[Rule]:
        """The rules a run judges: --rule / --skip-rule, --framework, --preview."""
        return apply_selection(list(self.rules), selection)

    def renamed(self) -> dict[str, str]:
        """Every rule id -> the id that judges for it (itself, or its replacement)."""
        return effective_ids(self.rules)


def load_rulebook(
    rules_dirs: tuple[Path, ...] = (), builtin: bool = True, catalog: Catalog | None = None
) -> RuleBook:
    """The catalog (loaded unless given), and the built-in rules (unless `builtin` is False)
    with those under `rules_dirs`. A RuleLoadError names a broken rule file; a UsageError
    says that the installation lost its built-in rules (it must not report a clean 100/100)."""
    catalog = catalog or load_catalog()
    found = load_rules([builtin_rules_dir()], catalog) if builtin else []
    if builtin and not found:
        raise UsageError(
            f"no built-in rule could be loaded from {builtin_rules_dir()}; reinstall mlposture"
        )
    user = load_rules(list(rules_dirs), catalog)
    return RuleBook(catalog, tuple(merge_rule_sets(found, user)), tuple(rules_dirs), builtin)


def rulebook_for(
    rules_dirs: tuple[Path, ...], builtin: bool, given: RuleBook | None = None
) -> RuleBook:
    """`given`, loaded already from the same rules; else the rule book loaded now."""
    if given is None:
        return load_rulebook(rules_dirs, builtin)
    if (given.rules_dirs, given.builtin) != (tuple(rules_dirs), builtin):
        raise ValueError(
            f"a rule book loaded from {given.rules_dirs} (built-in: {given.builtin}) given "
            f"for a run of {tuple(rules_dirs)} (built-in: {builtin})"
        )
    return given


__all__ = ["RuleBook", "RuleLoadError", "load_rulebook", "rulebook_for"]
