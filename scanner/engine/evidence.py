"""Evidence of failed results: the fields a rule read, the values it saw, and where.

Computed after evaluation, for the failed (resource, rule) pairs only. The fields a rule reads
come from its condition, once per rule; their values from the resource, with what
normalization recorded: the fields the source left out that took a default
(`Resource.defaulted`) and the attribute lines the source knows (`Resource.lines`). For a
`related:` test, the related resources that fail its check come from one join per test over
the failed rows (evaluate.related_failures), not from a loop over resources.

Values come from the scanned code: their text is bounded and control characters escaped, and
a field whose name says it holds a secret is never echoed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import polars as pl

from scanner.engine.conditions import PathTest, RelatedTest
from scanner.engine.evaluate import CompiledKind, Reads, related_failures, with_related
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID
from scanner.iam.verdicts import (
    ENDPOINT_INVOKE_BECAUSE,
    ESCALATION_BECAUSE,
    GUARDRAIL_BYPASS_BECAUSE,
    OVER_PRIVILEGED_BECAUSE,
)
from scanner.mappings.catalog import Catalog
from scanner.model.resource import Resource
from scanner.model.text import terminal_safe

TEXT_LIMIT = 200  # characters of a value, an id, in the evidence text
_VALUE_LIMIT = 1000  # characters of a string value in the JSON contract
_ITEMS_LIMIT = 20  # items of a list value, in the JSON contract and in the text
_TARGETS_LIMIT = 5  # failing related resources named per `related:` test
REDACTED = "<redacted>"
_SECRET = re.compile(
    r"(?:^|_)(?:password|passwd|secret|token|credential|connection_string|private_key"
    r"|access_key|account_key|sas)s?(?:_|$)",
    re.IGNORECASE,
)

# A computed verdict and the computed findings it sums up (scanner/iam/analyse.py): the
# evidence names the findings that hold, which say what the verdict does not.
_BECAUSE: dict[str, tuple[tuple[str, str], ...]] = {
    "over_privileged": OVER_PRIVILEGED_BECAUSE,
    "privilege_escalation_path": ESCALATION_BECAUSE,
    "guardrail_bypass": GUARDRAIL_BYPASS_BECAUSE,
    "invokes_any_endpoint": ENDPOINT_INVOKE_BECAUSE,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One thing a failed rule saw: a field, its value, and where it was (or was not) written.

    `value` is the normalized value (None: absent, or known only after apply); `defaulted`:
    the source left the field out and the default applied (`value` is that default); `line`:
    the attribute's own line, where the source knows it; `resource`: the id of the related
    resource the field belongs to (None: the result's own resource).
    """

    field: str
    value: object = None
    defaulted: bool = False
    line: int | None = None
    resource: str | None = None
    text: str = ""
    # A hop of an attack path: which chain (0: the first shown), which hop (0: the resource
    # itself), the kind of the hop's resource, where it is, and for an identity's reach the
    # permission that makes the hop (`s3:PutObject (policy ml-write, statement 2)`).
    hop: Hop | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "field": self.field,
            "value": self.value,
            "defaulted": self.defaulted,
        }
        if self.defaulted:
            out["default"] = self.value
        out["line"] = self.line
        if self.resource is not None:
            out["resource"] = self.resource
        out["text"] = self.text
        if self.hop is not None:
            out.update(self.hop.as_dict())
        return out


@dataclass(frozen=True, slots=True)
class Hop:
    """Where an evidence item sits on an attack path's chain."""

    chain: int
    index: int
    kind: str
    relation: str | None = None  # how the previous hop reaches this one; None: the entry
    file: str | None = None  # where the hop's resource is (code), for SARIF's related locations
    line: int | None = None
    granted_by: str | None = None  # reach edges: the permission and where it is granted

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"chain": self.chain, "hop": self.index, "kind": self.kind}
        out["relation"] = self.relation
        out["file"] = self.file
        out["line"] = self.line
        if self.granted_by is not None:
            out["granted_by"] = self.granted_by
        return {"path": out}


def bounded(text: str, limit: int = TEXT_LIMIT) -> str:
    """Text from the scanned code as evidence shows it: control characters escaped, cut."""
    text = terminal_safe(text, one_line=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_value(value: object) -> object:
    if isinstance(value, str) and len(value) > _VALUE_LIMIT:
        return value[: _VALUE_LIMIT - 1] + "…"
    if isinstance(value, list):
        return [_json_value(v) for v in value[:_ITEMS_LIMIT]]
    return value


def _where(resource: Resource, line: int | None) -> str:
    location = resource.location
    line = line or location.line
    if location.file:
        return f" ({bounded(location.file)}:{line})" if line else f" ({bounded(location.file)})"
    return f" ({bounded(location.account)})" if location.account else ""


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        items = ", ".join(_plain(v) for v in value[:_ITEMS_LIMIT])
        more = f", +{len(value) - _ITEMS_LIMIT} more" if len(value) > _ITEMS_LIMIT else ""
        return f"[{items}{more}]"
    if value == "":
        return '""'
    return str(value)


# The words a native type writes for a boolean field, as the cloud spells them: the catalog
# keeps a table's words lower-cased.
_WORDS = {"enabled": "Enabled", "disabled": "Disabled"}


@dataclass(slots=True)
class _Words:
    """A value as its source writes it: `Enabled` for true where the native type's table reads
    true from `Enabled` (and nothing else); else the value itself."""

    catalog: Catalog
    _cache: dict[tuple[str, str, str, bool], str] = field(default_factory=dict)

    def boolean(self, resource: Resource, name: str, value: bool) -> str:
        key = (resource.type, resource.kind, name, value)
        word = self._cache.get(key)
        if word is None:
            word = self._cache[key] = self._word(resource, name, value) or _plain(value)
        return word

    def _word(self, resource: Resource, name: str, value: bool) -> str | None:
        for table in self.catalog.by_native_type.get(resource.type, ()):
            if table.kind.name != resource.kind:
                continue
            for mapping in table.fields:
                if mapping.field == name and mapping.values:
                    words = [w for w, v in mapping.values.items() if v is value]
                    return _WORDS.get(words[0]) if len(words) == 1 else None
        return None


@dataclass(slots=True)
class EvidenceBuilder:
    resources: list[Resource]
    catalog: Catalog
    words: _Words
    # Evidence is a value: the same field seen the same way (type, value, default, line) is
    # one object, whichever resource shows it. Most failures are a handful of such shapes
    # (`direct_internet_access: absent, service default Enabled`), so few are built.
    _shapes: dict[tuple[object, ...], tuple[Evidence, ...]] = field(default_factory=dict)
    # (related row, test column) -> its evidence: a role serves many notebooks.
    _related: dict[tuple[int, str], list[Evidence]] = field(default_factory=dict)
    _secret: dict[str, bool] = field(default_factory=dict)

    def own(self, row: int, name: str) -> tuple[Evidence, ...]:
        """A field of the result's own resource."""
        resource = self.resources[row]
        value = resource.values.get(name)
        seen: object = tuple(value) if type(value) is list else value
        if name in _BECAUSE:  # its evidence names other fields too
            seen = (seen, *(_hashable(resource.values.get(r)) for r, _ in _BECAUSE[name]))
        shape = (
            resource.type,
            resource.kind,
            name,
            type(value),  # True == 1, but they are written differently
            seen,
            name in resource.defaulted,
            name in resource.unknown,
            resource.lines.get(name),
        )
        found = self._shapes.get(shape)
        if found is None:
            found = self._shapes[shape] = self._field(resource, name, None, "")
        return found

    def own_rows(self, rows: list[int], name: str) -> list[tuple[Evidence, ...]]:
        """`own` for many rows and one field, in one loop (the evidence of most failed
        results: a call per result was most of its cost)."""
        if name in _BECAUSE:
            return [self.own(row, name) for row in rows]
        resources, shapes = self.resources, self._shapes
        out = []
        for row in rows:
            resource = resources[row]
            value = resource.values.get(name)
            shape = (
                resource.type,
                resource.kind,
                name,
                type(value),
                tuple(value) if type(value) is list else value,
                name in resource.defaulted,
                name in resource.unknown,
                resource.lines.get(name),
            )
            found = shapes.get(shape)
            if found is None:
                found = shapes[shape] = self._field(resource, name, None, "")
            out.append(found)
        return out

    def related(self, target_row: int, test: RelatedTest) -> list[Evidence]:
        """Fields of a related resource that fails the test's check."""
        key = (target_row, test.column)
        found = self._related.get(key)
        if found is not None:
            return found
        target = self.resources[target_row]
        shown = bounded(target.id)
        if test.reverse:
            prefix = f"{shown} (its {test.via} refers here)"
        else:
            prefix = f"{test.via} -> {shown}"
        found = self._related[key] = []
        for name in test.reads:
            found.extend(self._field(target, name, target.id, prefix))
        if not test.reads:  # its check only tests resources further away
            text = f"{prefix}{_where(target, None)}: fails the {test.kind.name} check"
            found.append(Evidence(test.via, resource=target.id, text=text))
        return found

    def missing(self, row: int, test: RelatedTest) -> list[Evidence]:
        """Nothing related was found, and the rule says that fails."""
        if test.reverse:
            text = f"no {test.kind.name} refers to it through {test.via}"
            return [Evidence(field=test.via, text=text)]
        return [
            replace(seen, text=f"{seen.text}; no {test.kind.name} found")
            for seen in self.own(row, test.via)[:1]
        ]

    def field_of(
        self, resource: Resource, name: str, related: str | None, prefix: str
    ) -> tuple[Evidence, ...]:
        """A field of any resource, as evidence (`prefix` names how it was reached)."""
        return self._field(resource, name, related, prefix)

    def _field(
        self, resource: Resource, name: str, related: str | None, prefix: str
    ) -> tuple[Evidence, ...]:
        value = resource.values.get(name)
        defaulted = name in resource.defaulted
        if value is True or value is False:
            seen = self.words.boolean(resource, name, value)
        elif name in resource.unknown:
            seen = "known only after apply"
        elif value is None:
            seen = "absent"
        elif self._is_secret(name):
            value = seen = REDACTED
        else:
            seen = bounded(_plain(value))
            value = _json_value(value)
        if defaulted:
            if self._kind_default(resource, name) == resource.values.get(name):
                seen = f"absent, service default {seen}"
            else:  # the default the native type sends (a mapping's `default`)
                seen = f"absent, {bounded(resource.type)} sends {seen}"
        line = resource.lines.get(name)
        if related:  # another resource: where it is (the block's line, if not the field's)
            seen += _where(resource, line)
        elif line is not None:
            seen += f" (line {line})"
        text = f"{prefix}: {name}: {seen}" if prefix else f"{name}: {seen}"
        first = Evidence(name, value, defaulted, line, related, text)
        if value is True and name in _BECAUSE:
            return (first, *self._because(resource, name, related))
        return (first,)

    def _is_secret(self, name: str) -> bool:
        secret = self._secret.get(name)
        if secret is None:
            secret = self._secret[name] = _SECRET.search(name) is not None
        return secret

    def _kind_default(self, resource: Resource, name: str) -> object:
        kind = self.catalog.kinds.get(resource.kind)
        try:
            return kind.field(name).default if kind is not None else None
        except KeyError:
            return None

    def _because(self, resource: Resource, name: str, related: str | None) -> list[Evidence]:
        """The findings a verdict sums up, where they hold: `aws_iam_role.x allows ...`."""
        found = []
        for reason, phrase in _BECAUSE[name]:
            seen = resource.values.get(reason)
            if not seen:
                continue
            said = phrase.format(value=bounded(_plain(seen)))
            text = f"{bounded(related)} {said}" if related else f"{reason}: {said}"
            found.append(Evidence(reason, _json_value(seen), resource=related, text=text))
        return found


def _failed_pairs(outcomes: pl.DataFrame) -> dict[str, list[int]]:
    """Failed rows by rule id."""
    failed = outcomes.filter(~pl.col("passed")).group_by("rule_id").agg(pl.col(ROW_ID))
    return dict(zip(failed["rule_id"].to_list(), failed[ROW_ID].to_list(), strict=True))


def collect_evidence(
    outcomes: pl.DataFrame,
    tables: Mapping[str, pl.DataFrame],
    relations: pl.DataFrame,
    rules: Mapping[str, Rule],
    resources: list[Resource],
    catalog: Catalog,
    compiled: Mapping[str, CompiledKind],
    reach: pl.DataFrame | None = None,
) -> dict[str, dict[int, tuple[Evidence, ...]]]:
    """The evidence of every failed result of `outcomes` (evaluate's table): by rule id, by
    resource row. `compiled`: the rules as evaluated (compile_rules), which say what each
    rule reads; `reach`: the reach edges' side table (source, field, target, via), which says
    what grants an attack path's reach hops."""
    from scanner.engine.path_evidence import chain_evidence, granted_by  # it imports this
    from scanner.engine.path_walk import Chain, path_chains

    builder = EvidenceBuilder(resources, catalog, _Words(catalog))
    evidence: dict[str, dict[int, tuple[Evidence, ...]]] = {}
    # (rule kind, related column) -> (failing related rows by source row, rows with any)
    joins: dict[tuple[str, str], tuple[dict[int, list[int]], set[int]]] = {}
    walks: dict[tuple[str, str], tuple[dict[int, list[Chain]], dict[tuple[int, str, int], str]]]
    walks = {}
    by_rule = _failed_pairs(outcomes)
    reads = {rule_id: compiled[rules[rule_id].kind].reads[rule_id] for rule_id in by_rule}
    for rule_id, rows in by_rule.items():
        rule, read = rules[rule_id], reads[rule_id]
        found_by_row = evidence[rule_id] = {}
        if len(read.fields) == 1 and not read.related:
            # Most rules read one field: its evidence, shared, is the result's.
            found_by_row.update(zip(rows, builder.own_rows(rows, read.fields[0]), strict=True))
            continue
        for test in read.related:
            key = (rule.kind, test.column)
            if isinstance(test, PathTest):
                if key not in walks:
                    users = _rows_of(by_rule, reads, rules, rule.kind, test.column)
                    chains = path_chains(
                        test, users, tables[rule.kind], dict(tables), relations, with_related
                    )
                    walks[key] = chains, dict(granted_by(chains, test, reach))
            elif key not in joins:
                users = _rows_of(by_rule, reads, rules, rule.kind, test.column)
                joins[key] = related_failures(
                    test, users, tables[rule.kind], dict(tables), relations
                )
        owns = [builder.own_rows(rows, name) for name in read.fields]
        for index, row in enumerate(rows):
            items: list[Evidence] = [seen for own in owns for seen in own[index]]
            for test in read.related:
                if isinstance(test, PathTest):
                    chains, granted = walks[(rule.kind, test.column)]
                    items.extend(chain_evidence(builder, test, chains.get(row, []), granted))
                    continue
                failing, found = joins[(rule.kind, test.column)]
                for target in failing.get(row, [])[:_TARGETS_LIMIT]:
                    items.extend(builder.related(target, test))
                if row not in found and test.missing is False:
                    items.extend(builder.missing(row, test))
            found_by_row[row] = tuple(items)
    return evidence


def _rows_of(
    by_rule: Mapping[str, list[int]],
    reads: Mapping[str, Reads],
    rules: Mapping[str, Rule],
    kind: str,
    column: str,
) -> list[int]:
    """Failed rows of every rule of `kind` that has the `related:` test `column`."""
    rows: set[int] = set()
    for rule_id, read in reads.items():
        if rules[rule_id].kind == kind and any(t.column == column for t in read.related):
            rows.update(by_rule[rule_id])
    return sorted(rows)
