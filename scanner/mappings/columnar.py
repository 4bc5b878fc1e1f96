"""Normalization a column at a time: all native resources of one table, field by field.

`normalize` (scanner/mappings/normalize.py) maps one resource through every field; at a
million resources its per-call overhead is most of the scan. Here one table's resources are
read together: each field's raw values are gathered into a column, and the mapping (value
maps, coercion, service defaults, `present`, `keys`, URIs) runs once per *distinct* raw value
of that column, since estates repeat the same few values (Enabled, a region, a key ARN) over
thousands of resources. Relations and attribute lines are read only for the resources that
have references or lines. The result is the same Resource and Relation objects, in the same
order, as `normalize` gives one by one (tests/mappings/test_columnar.py holds them equal).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from scanner.mappings.catalog import FieldMapping, KindMapping
from scanner.mappings.normalize import (
    SentDefault,
    attribute_line,
    project,
    read_field,
    referred,
    value_of,
)
from scanner.model.kinds import FieldSpec
from scanner.model.resource import NativeResource, Relation, Resource
from scanner.model.values import Unknown

# What a field's raw value is: absent from the resource, or too structured to share a result.
_ABSENT = object()
_STRUCTURED = object()
_SCALARS = (str, bool, int, float, Unknown)

# A field's final value and whether it is unknown / took a default: (value, unknown, defaulted).
_Final = tuple[object, bool, bool]


def _leaf(attributes: dict[str, object], path: tuple[str, ...]) -> object:
    """The value at `path` when every step is a mapping; _ABSENT when a step is missing (or a
    plain value, which projects to nothing), _STRUCTURED when a step is a list or unknown (the
    full projection then decides)."""
    value: object = attributes
    for key in path:
        if isinstance(value, dict):
            if key not in value:
                return _ABSENT
            value = value[key]
        elif isinstance(value, list | Unknown):
            return _STRUCTURED
        else:
            return _ABSENT
    return value


def _memo_key(leaf: object) -> Hashable | None:
    """A key under which the leaf's result is shared; None when it cannot be (a mapping, or a
    list of anything but plain text). The type is part of the key: True == 1 == 1.0."""
    if leaf is _ABSENT:
        return leaf
    if leaf is None:
        return (None, None)
    if isinstance(leaf, _SCALARS):
        return (leaf.__class__, leaf)
    if isinstance(leaf, list) and all(isinstance(item, str) for item in leaf):
        return (list, tuple(leaf))
    return None


def _found(leaf: object) -> list[object]:
    """What `project` finds for a leaf reached through mappings only."""
    if leaf is _ABSENT:
        return []
    return list(leaf) if isinstance(leaf, list) else [leaf]


def _final(value: object, spec: FieldSpec) -> _Final:
    """A field's raw result (see `read_field`) as (value, unknown, defaulted)."""
    if isinstance(value, SentDefault):
        return value.value, False, True
    if isinstance(value, Unknown):
        return None, True, False
    if value is None:
        return spec.default, False, spec.default is not None
    return value, False, False


def _column(
    natives: Sequence[NativeResource], mapping: FieldMapping, spec: FieldSpec
) -> list[_Final]:
    """The field's final value for every resource, computed once per distinct raw value."""
    if mapping.secrets or mapping.also or not mapping.path:
        raws = [read_field(native, mapping, spec) for native in natives]
        return [
            _texts_or(raw, native, mapping, spec) for raw, native in zip(raws, natives, strict=True)
        ]
    shared: dict[Hashable, _Final] = {}
    column: list[_Final] = []
    path = mapping.path
    for native in natives:
        leaf = _leaf(native.attributes, path)
        key = _memo_key(leaf) if leaf is not _STRUCTURED else None
        final = shared.get(key) if key is not None else None
        if final is None:
            found = project(native.attributes, path) if leaf is _STRUCTURED else _found(leaf)
            raw = value_of(found, mapping, spec)
            if mapping.text and isinstance(raw, Unknown):
                final = _texts_or(raw, native, mapping, spec)  # the resource's own text
            else:
                final = _final(raw, spec)
                if key is not None:
                    shared[key] = final
        column.append(final)
    return column


def _texts_or(
    raw: object, native: NativeResource, mapping: FieldMapping, spec: FieldSpec
) -> _Final:
    if mapping.text and isinstance(raw, Unknown):
        raw = native.texts.get(".".join(mapping.path), raw)
    return _final(raw, spec)


def _copied(value: object) -> object:
    # A list result is shared by every resource with the same raw value: each gets its own.
    return list(value) if isinstance(value, list) else value


def _name_column(natives: Sequence[NativeResource], table: KindMapping) -> list[str]:
    if table.name_path is None:
        return [native.name for native in natives]
    names = []
    for native in natives:
        named = [v for v in project(native.attributes, table.name_path) if isinstance(v, str)]
        names.append(named[0] if named else native.name)
    return names


def _relations(native: NativeResource, table: KindMapping) -> list[Relation]:
    """The relations a resource declares, in field order (as `normalize` lists them)."""
    # A field refers to something when a reference sits at its path or inside it.
    prefixes = set()
    for dotted in native.references:
        parts = dotted.split(".")
        prefixes.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    by_field = {m.field: m for m in table.fields}
    relations = []
    for spec in table.kind.fields:
        mapping = by_field.get(spec.name)
        if mapping is None:
            continue
        dotted = ".".join(mapping.path)
        if dotted not in prefixes:
            continue
        for target in referred(native, mapping, dotted):
            relations.append(Relation(native.id, spec.name, target, native.scope))
    return relations


def _lines(native: NativeResource, table: KindMapping, finals: Sequence[_Final]) -> dict[str, int]:
    by_field = {m.field: m for m in table.fields}
    lines: dict[str, int] = {}
    for spec, (value, unknown, defaulted) in zip(table.kind.fields, finals, strict=True):
        mapping = by_field.get(spec.name)
        if mapping is None:
            continue
        written = unknown or not (value is None or defaulted)
        if written and not (mapping.present and value is False):
            line = attribute_line(native.lines, ".".join(mapping.path))
            if line is not None:
                lines[spec.name] = line
    return lines


def normalize_table(
    natives: Sequence[NativeResource], table: KindMapping
) -> tuple[list[Resource], list[list[Relation]]]:
    """Every resource of one table onto its kind: the resources, and each one's relations."""
    by_field = {m.field: m for m in table.fields}
    names = [spec.name for spec in table.kind.fields]
    columns: list[list[_Final]] = []
    for spec in table.kind.fields:
        mapping = by_field.get(spec.name)
        if mapping is None:
            constant = (spec.default, False, spec.default is not None)
            columns.append([constant] * len(natives))
        else:
            columns.append(_column(natives, mapping, spec))
    # One frozenset per distinct pattern of flags, not one per resource.
    sets: dict[tuple[bool, ...], frozenset[str]] = {}

    def flagged(flags: tuple[bool, ...]) -> frozenset[str]:
        found = sets.get(flags)
        if found is None:
            found = sets[flags] = frozenset(n for n, f in zip(names, flags, strict=True) if f)
        return found

    kind, provider = table.kind.name, table.kind.provider
    resources: list[Resource] = []
    relations: list[list[Relation]] = []
    rows = zip(*columns, strict=True) if columns else [()] * len(natives)
    for native, name, finals in zip(natives, _name_column(natives, table), rows, strict=True):
        resources.append(
            Resource(
                id=native.id,
                kind=kind,
                provider=provider,
                type=native.type,
                name=name,
                location=native.location,
                values={n: _copied(f[0]) for n, f in zip(names, finals, strict=True)},
                unknown=flagged(tuple(f[1] for f in finals)),
                scope=native.scope,
                suppressions=native.suppressions,
                defaulted=flagged(tuple(f[2] for f in finals)),
                lines=_lines(native, table, finals) if native.lines else {},
            )
        )
        relations.append(_relations(native, table) if native.references else [])
    return resources, relations
