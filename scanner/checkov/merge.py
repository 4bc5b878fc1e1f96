"""Checkov's results merged into mlposture's report: one gate, no control judged twice.

- A Checkov check that an mlposture rule lists under `equivalents.checkov` is dropped on each
  resource mlposture judged with that rule (the same file and id, mapped onto the rule's
  kind): mlposture's answer, aware of service defaults, stands. On a resource mlposture did
  not judge (a file it could not read, a type it has no kind for), Checkov's result stays.
- Every other Checkov result becomes a `Result` with `engine = "checkov"`: failed, passed
  (listed with --include-passed) or suppressed (Checkov's own `checkov:skip=ID:reason`
  comment; the reason is kept). The resource carries the `mlposture:ignore` suppressions
  mlposture read on it, so an `mlposture:ignore CKV_AWS_18 reason="..."` comment works too.
- Passed and failed Checkov results count in the score like mlposture's (by severity);
  a skipped check, whose outcome Checkov does not say, does not.
- A file Checkov could not parse, when mlposture reported no error for it, is an input error:
  its general checks did not run.
Results are few next to resources, so this is a plain pass over them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from scanner.checkov.check_rules import CheckTable, checkov_rule, load_check_table
from scanner.checkov.places import SOURCES, Identity, Root, identity, place, provider
from scanner.checkov.report_reader import (
    CheckovCheck,
    CheckovError,
    CheckovRun,
    read_report_file,
)
from scanner.checkov.run import CheckovOptions, run_checkov
from scanner.engine.evidence import Evidence, bounded
from scanner.engine.rules import Rule
from scanner.errors import InputError
from scanner.mappings import Catalog, select_table
from scanner.model.resource import Location, NativeResource, Resource
from scanner.model.suppression import Suppression
from scanner.report import Result, fingerprint
from scanner.sources.walk import is_skipped

log = logging.getLogger(__name__)

ENGINE = "checkov"
DECIDED_SCHEMA = {
    "rule_id": pl.String(),
    "passed": pl.Boolean(),
    "severity": pl.String(),
    "provider": pl.String(),
}
_EVIDENCE_KEYS = 5


@dataclass(slots=True)
class Bridged:
    """What Checkov adds to one scan."""

    results: list[Result] = field(default_factory=list)
    # Passed and failed outcomes kept (rule_id, passed, severity, provider): for the score.
    decided: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=DECIDED_SCHEMA))
    errors: list[InputError] = field(default_factory=list)
    check_ids: frozenset[str] = frozenset()  # every Checkov check of the run
    merged: int = 0  # Checkov results kept in the report (passed, failed, skipped)
    dropped: int = 0  # Checkov results left out: an mlposture rule judged the same resource
    version: str | None = None


def equivalent_kinds(rules: Iterable[Rule]) -> dict[str, frozenset[str]]:
    """Checkov check id -> the kinds of the mlposture rules that list it as an equivalent."""
    kinds: dict[str, set[str]] = {}
    for rule in rules:
        for check_id in rule.equivalents.get("checkov", ()):
            kinds.setdefault(check_id, set()).add(rule.kind)
    return {check_id: frozenset(found) for check_id, found in kinds.items()}


def _kind_of(native: NativeResource, catalog: Catalog) -> str | None:
    table = select_table(native, catalog.by_native_type.get(native.type, ()))
    return table.kind.name if table is not None else None


@dataclass(slots=True)
class _Merger:
    catalog: Catalog
    roots: list[Root]
    equivalents: dict[str, frozenset[str]]
    natives: dict[tuple[str, str], NativeResource]
    table: CheckTable
    skip_paths: tuple[str, ...]
    include_passed: bool
    rules: dict[str, Rule] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    places: dict[tuple[str, str | None, str | None], tuple[str, str] | None] = field(
        default_factory=dict
    )
    out: Bridged = field(default_factory=Bridged)
    rows: list[tuple[str, bool, str, str]] = field(default_factory=list)

    def _place(self, check: CheckovCheck) -> tuple[str, str] | None:
        # Many checks name one file: it is looked up once.
        key = (check.file_path, check.file_abs_path, check.repo_file_path)
        if key not in self.places:
            self.places[key] = place(check, self.roots)
        return self.places[key]

    def _resource(
        self,
        check: CheckovCheck,
        file: str,
        ident: Identity,
        native: NativeResource | None,
        kind: str | None,
    ) -> Resource:
        if kind is None and ident.type:  # a type mlposture maps, on a resource it did not read
            tables = self.catalog.by_native_type.get(ident.type, ())
            kind = tables[0].kind.name if len(tables) == 1 else None
        return Resource(
            id=ident.id,
            kind=kind or "",
            provider=provider(check.check_id, ident.type),
            type=ident.type,
            name=native.name if native is not None else ident.name,
            location=Location(SOURCES.get(check.framework, check.framework), file, check.line),
            values={},
            # Checkov's own identity of a module's resource: the file that calls the module.
            scope=check.caller or "",
            suppressions=native.suppressions if native is not None else (),
        )

    def add(self, check: CheckovCheck) -> None:
        placed = self._place(check)
        if placed is None:
            file = (check.repo_file_path or check.file_path).lstrip("/") or check.file_path
        else:
            file, relative = placed
            if is_skipped(relative, self.skip_paths):
                return  # --skip-path holds for Checkov's results too
        ident = identity(check)
        native = self.natives.get((file, ident.id))
        kind = _kind_of(native, self.catalog) if native is not None else None
        judged = kind is not None and kind in self.equivalents.get(check.check_id, ())
        resource = self._resource(check, file, ident, native, kind)
        stable_id = fingerprint(check.check_id, resource)
        if stable_id in self.seen:
            return  # Checkov reported it twice (a file reached from two scanned paths)
        self.seen.add(stable_id)
        if judged:
            self.out.dropped += 1
            return
        rule = self.rules.get(check.check_id) or checkov_rule(check, self.table)
        self.rules.setdefault(rule.id, rule)
        self.out.merged += 1
        if check.status != "skipped":
            passed = check.status == "passed"
            self.rows.append((rule.id, passed, rule.severity.value, resource.provider))
            if passed and not self.include_passed:
                return
        self.out.results.append(_result(check, rule, resource, stable_id))


def _result(check: CheckovCheck, rule: Rule, resource: Resource, stable_id: str) -> Result:
    if check.status == "skipped":
        reason = check.skip_reason or "checkov:skip comment"
        file = resource.location.file or ""
        skip = Suppression(rule.id, reason, None, file, resource.location.line)
        return Result(rule, resource, "suppressed", stable_id, suppression=skip, engine=ENGINE)
    evidence = tuple(
        Evidence(field=key, text=bounded(f"Checkov evaluated {key}"))
        for key in check.evaluated_keys[:_EVIDENCE_KEYS]
    )
    if check.status == "passed":
        return Result(rule, resource, "passed", stable_id, engine=ENGINE)
    return Result(rule, resource, "failed", stable_id, evidence=evidence, engine=ENGINE)


def suppressible_checks(natives: Iterable[NativeResource], bridged: Bridged) -> dict[str, str]:
    """The Checkov check ids `mlposture:ignore` comments may name, each standing for itself:
    the checks of this run, and every check Checkov has (checks.csv), so that a comment on a
    Checkov check is no error in a scan without Checkov (it then suppresses nothing) while a
    misspelt id still is."""
    named = {s.rule_id for n in natives for s in n.suppressions if s.rule_id.startswith("CKV")}
    if not named:
        return {check_id: check_id for check_id in bridged.check_ids}
    known = set(load_check_table().categories) | bridged.check_ids
    return {check_id: check_id for check_id in known & (named | bridged.check_ids)}


def _unparsed(
    run: CheckovRun, roots: list[Root], reported: set[str], skip_paths: tuple[str, ...]
) -> list[InputError]:
    errors = []
    for raw in run.parsing_errors:
        try:
            path = Path(raw).resolve()
        except (OSError, ValueError):  # a NUL in a path from a report
            path = None
        where = None
        if path is not None:
            where = next((s for root in roots if (s := root.show(path)) is not None), None)
        file, relative = where if where is not None else (raw, raw)
        if file in reported or is_skipped(relative, skip_paths):
            continue
        errors.append(
            InputError(
                file, None, "Checkov could not parse this file: its checks did not run on it"
            )
        )
    return errors


def _obtain(options: CheckovOptions, roots: list[Root], var_files: tuple[str, ...]) -> CheckovRun:
    if options.report is not None:
        return read_report_file(options.report)
    return run_checkov([root.path for root in roots], options.binary, var_files, options.timeout)


def bridge(
    options: CheckovOptions | None,
    scanned: list[tuple[Path, str]],
    natives: list[NativeResource],
    catalog: Catalog,
    rules: list[Rule],
    *,
    var_files: tuple[str, ...] = (),
    skip_paths: tuple[str, ...] = (),
    include_passed: bool = False,
    reported: Iterable[InputError] = (),
) -> Bridged:
    """Checkov's results on `scanned` (run there, or read from `options.report`), minus the
    checks the `rules` judge on the `natives` mlposture read. A Checkov that cannot run or
    gives no report is one input error; mlposture's results stand without it. Nothing when
    `options` is None (no Checkov asked for) or nothing was scanned."""
    if options is None or not scanned:
        return Bridged()
    roots = [Root.of(path, shown) for path, shown in scanned]
    origin = str(options.report) if options.report is not None else "checkov"
    try:
        run = _obtain(options, roots, var_files)
        table = load_check_table()
    except CheckovError as exc:
        return Bridged(errors=[InputError(origin, None, str(exc))])
    merger = _Merger(
        catalog=catalog,
        roots=roots,
        equivalents=equivalent_kinds(rules),
        natives={(n.location.file or "", n.id): n for n in natives},
        table=table,
        skip_paths=skip_paths,
        include_passed=include_passed,
    )
    for check in run.checks:
        merger.add(check)
    out = merger.out
    out.decided = pl.DataFrame(merger.rows, schema=DECIDED_SCHEMA, orient="row")
    out.check_ids = frozenset(check.check_id for check in run.checks)
    out.version = run.version
    out.errors = _unparsed(run, roots, {e.file for e in reported}, skip_paths)
    log.info("Checkov %s: %d results merged, %d dropped", run.version, out.merged, out.dropped)
    return out
