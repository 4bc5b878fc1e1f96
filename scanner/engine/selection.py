"""Which rules a run judges: `--rule` / `--skip-rule`, `--framework`, `--preview`.

- A name is a rule id or slug, or a glob over both (`MLP-AWS-SM-*`, fnmatch, case-sensitive).
  A name or glob that matches no rule is a usage error, so a typo never runs everything.
- The lifecycle (as in ruff): preview rules run only with `--preview`; a deprecated rule runs
  until `replaced_by` names the rule that took its place. A name given exactly that is a
  replaced id stands for its replacement, with a warning; a glob matches only rules that run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from scanner.engine.rules import STANDARDS, Rule, RuleStatus, replacements
from scanner.errors import UsageError

log = logging.getLogger(__name__)

_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Selection:
    only: tuple[str, ...] = ()  # --rule
    skip: tuple[str, ...] = ()  # --skip-rule
    frameworks: tuple[str, ...] = ()  # --framework: rules mapped to any of these standards
    preview: bool = False  # --preview: preview rules run too


@dataclass(slots=True)
class _Named:
    ids: set[str]  # the rules the names select (a replaced id already forwarded)
    exact: set[str]  # of those, the ones named exactly (not through a glob)
    unknown: list[str]  # exact names that are no rule
    unmatched: list[str]  # globs that match no rule


def is_glob(name: str) -> bool:
    return not _GLOB_CHARACTERS.isdisjoint(name)


def apply_selection(rules: list[Rule], selection: Selection) -> list[Rule]:
    """The rules of `rules` that run, in their order; a UsageError for a name that matches
    nothing, an unknown framework, or a preview rule named without `--preview`."""
    forward = replacements(rules)
    only = _resolve(selection.only, "--rule", rules, forward)
    skip = _resolve(selection.skip, "--skip-rule", rules, forward)
    _refuse_unknown(only, skip, selection.frameworks)
    by_id = {r.id: r for r in rules}
    if not selection.preview:
        preview = sorted(i for i in only.exact if by_id[i].status is RuleStatus.PREVIEW)
        if preview:
            raise UsageError(f"{', '.join(preview)}: preview rule; add --preview to run it")
    wanted = set(selection.frameworks)
    return [
        r
        for r in rules
        if r.id not in forward
        and (selection.preview or r.status is not RuleStatus.PREVIEW)
        and (not selection.only or r.id in only.ids)
        and r.id not in skip.ids
        and (not wanted or not wanted.isdisjoint(r.frameworks))
    ]


def _resolve(
    names: Iterable[str], option: str, rules: list[Rule], forward: dict[str, str]
) -> _Named:
    named = _Named(ids=set(), exact=set(), unknown=[], unmatched=[])
    for name in names:
        if is_glob(name):
            matched = {
                r.id
                for r in rules
                if r.id not in forward and (fnmatchcase(r.id, name) or fnmatchcase(r.slug, name))
            }
            named.ids |= matched
            if not matched:
                named.unmatched.append(name)
            continue
        hits = [r for r in rules if name in (r.id, r.slug)]
        if not hits:
            named.unknown.append(name)
        for rule in hits:
            runs_as = forward.get(rule.id, rule.id)
            if runs_as != rule.id:
                log.warning(
                    "%s %s: rule %s is deprecated and replaced by %s, which is used instead",
                    option,
                    name,
                    rule.id,
                    runs_as,
                )
            named.ids.add(runs_as)
            named.exact.add(runs_as)
    return named


def _refuse_unknown(only: _Named, skip: _Named, frameworks: tuple[str, ...]) -> None:
    problems = []
    unknown = sorted(set(only.unknown + skip.unknown))
    if unknown:
        problems.append(f"unknown rule id: {', '.join(unknown)}")
    unmatched = sorted(set(only.unmatched + skip.unmatched))
    if unmatched:
        problems.append(f"no rule matches {', '.join(repr(g) for g in unmatched)}")
    strange = sorted(set(frameworks) - STANDARDS)
    if strange:
        problems.append(
            f"unknown framework: {', '.join(strange)} (one of {', '.join(sorted(STANDARDS))})"
        )
    if problems:
        raise UsageError("; ".join(problems))
