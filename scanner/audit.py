"""audit(source, options) -> Report: live accounts judged by the same rules as code.

The sources stage of an audit is a live collection, narrowed to what the rules need: the
native types that map onto a kind a selected rule judges or joins to (live type discovery),
so an audit never lists a service no rule reads. Then the same stages as a scan (stages.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scanner.engine.rulebook import RuleBook, rulebook_for
from scanner.engine.rules import Rule
from scanner.errors import InputError
from scanner.mappings import Catalog
from scanner.report import Report
from scanner.sources.live.common import AuditSetupError, LiveSource, ProgressSink
from scanner.stages import judge
from scanner.summary import Read, Tally, build_report

if TYPE_CHECKING:  # pipeline.py re-exports audit: the options are only named here
    from scanner.pipeline import ScanOptions


def live_types(catalog: Catalog, rules: list[Rule], available: frozenset[str]) -> frozenset[str]:
    """The live native types that map onto a kind the rules need: all an audit collects."""
    kinds = frozenset[str]().union(*(rule.kinds() for rule in rules))
    return frozenset(
        native_type
        for native_type, tables in catalog.by_native_type.items()
        if native_type in available and any(t.kind.name in kinds for t in tables)
    )


def audit(
    source: LiveSource,
    options: ScanOptions,
    progress: ProgressSink | None = None,
    rulebook: RuleBook | None = None,
) -> Report:
    """Audit live accounts with the selected rules (the same rules as `scan`).

    Every (account, region, service) that could not be read is listed under `errors` with
    its reason, so a partial audit never passes silently. `rulebook`: the rules loaded
    already (for the same rules dirs), e.g. once for many audits.
    """
    started = datetime.now(UTC)
    book = rulebook_for(options.rules_dirs, options.builtin_rules, rulebook)
    rules = book.select(options.selection)
    try:
        load = source.collect(live_types(book.catalog, rules, source.native_types), progress)
    except AuditSetupError as exc:
        error = InputError(source.provider, None, str(exc))
        nothing = Tally(rules=len(rules))
        return build_report(nothing, [], [error], Read(readable=False), generated_at=started)
    judged: list[InputError] = []
    counted, results = judge(load.resources, book.catalog, rules, options.include_passed, judged)
    gaps = [
        InputError(gap.where, None, gap.message, gap.account, gap.region, gap.service)
        for gap in load.gaps
    ]
    return build_report(
        counted,
        results,
        gaps + judged,
        Read(resources=len(load.resources), readable=load.accounts > 0),
        generated_at=started,
        scope=load.scope,
        notes=load.notes,
    )
