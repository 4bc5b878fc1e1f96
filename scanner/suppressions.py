"""Inline suppressions, judged once for every source and applied to the results.

Each source puts what it read on the resource (`NativeResource.suppressions`: a comment in
Terraform, `Metadata` in CloudFormation, `metadata` in ARM). Here, after evaluation:
- a suppression without a reason, naming an unknown rule, or with an unreadable expiry is an
  input error (file and line) and suppresses nothing;
- a valid one turns its rule's failure on that resource into `suppressed`, with the reason;
- one whose expiry date has passed does not: the result stays `failed` and says it expired;
- one naming a deprecated rule's id that another rule replaced applies to the replacement,
  with a warning (logged once per comment) to rename it.
`known_rules` maps every loaded rule id to the id of the rule that judges for it (itself or
its replacement: `scanner.engine.rules.effective_ids`).
Results are few next to resources, so this is a plain pass over them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from scanner.errors import InputError
from scanner.model.resource import NativeResource
from scanner.model.suppression import Suppression
from scanner.report import Result

log = logging.getLogger(__name__)


def _problem(suppression: Suppression, known_rules: Mapping[str, str]) -> str | None:
    if suppression.problem is not None:
        return suppression.problem
    if suppression.rule_id not in known_rules:
        return f"suppression names unknown rule {suppression.rule_id!r}"
    if suppression.reason is None:
        return f'suppression of {suppression.rule_id} has no reason (add reason="...")'
    return None


def suppression_errors(
    resources: Iterable[NativeResource], known_rules: Mapping[str, str]
) -> list[InputError]:
    """Every invalid suppression once (a module or copy loop repeats the same comment); and
    a warning, once each, for the valid ones that name a replaced rule."""
    errors: dict[tuple[str, int | None, str], InputError] = {}
    renamed: dict[tuple[str, int | None, str], str] = {}
    for resource in resources:
        for suppression in resource.suppressions:
            problem = _problem(suppression, known_rules)
            if problem is not None:
                key = (suppression.file, suppression.line, problem)
                errors.setdefault(key, InputError(suppression.file, suppression.line, problem))
            elif known_rules[suppression.rule_id] != suppression.rule_id:
                key = (suppression.file, suppression.line, suppression.rule_id)
                renamed[key] = known_rules[suppression.rule_id]
    for (file, line, old), new in sorted(renamed.items(), key=lambda i: (i[0][0], i[0][1] or 0)):
        where = f"{file}:{line}" if line else file
        log.warning(
            "%s: suppression names %s, which is deprecated and replaced by %s; it applies to %s "
            "(rename it)",
            where,
            old,
            new,
            new,
        )
    return sorted(errors.values(), key=lambda e: (e.file, e.line or 0, e.message))


def is_expired(suppression: Suppression, today: date) -> bool:
    """A suppression holds through its expiry day (UTC) and no longer."""
    return suppression.expires is not None and today > suppression.expires


def apply_suppressions(
    results: list[Result], known_rules: Mapping[str, str], today: date
) -> list[Result]:
    """Failures covered by a valid suppression become `suppressed`; expired ones stay failed
    and carry the suppression so that the report says it expired."""
    applied: list[Result] = []
    for result in results:
        if result.status != "failed" or not result.resource.suppressions:
            applied.append(result)
            continue
        matching = [
            s
            for s in result.resource.suppressions
            if _problem(s, known_rules) is None and known_rules[s.rule_id] == result.rule.id
        ]
        current = [s for s in matching if not is_expired(s, today)]
        if current:
            applied.append(replace(result, status="suppressed", suppression=current[0]))
        elif matching:
            latest = max(matching, key=lambda s: s.expires or date.min)
            applied.append(replace(result, suppression=latest))
        else:
            applied.append(result)
    return applied
