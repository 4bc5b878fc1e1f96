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

import gc
import pickle
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from scanner.mappings.catalog import FieldMapping, KindMapping
from scanner.mappings.normalize import (
    ANY_KEY,
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
        if key == ANY_KEY:
            return _STRUCTURED
        if isinstance(value, dict):
            if key not in value:
                return _ABSENT
            value = value[key]
        elif isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            # A block given once (Terraform writes blocks as lists): projects as the block.
            value = value[0]
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


def _leaves(natives: Sequence[NativeResource], path: tuple[str, ...]) -> list[object]:
    if len(path) == 1 and path[0] != ANY_KEY:  # a top-level attribute: one lookup per resource
        (key,) = path
        return [native.attributes.get(key, _ABSENT) for native in natives]
    return [_leaf(native.attributes, path) for native in natives]


def _column(
    natives: Sequence[NativeResource], mapping: FieldMapping, spec: FieldSpec
) -> list[_Final]:
    """The field's final value for every resource, computed once per distinct raw value."""
    path = mapping.path
    if mapping.secrets or mapping.also or mapping.azureml:
        column = _paths_column(natives, mapping, spec)
    elif not path:
        column = [_final(read_field(native, mapping, spec), spec) for native in natives]
    else:
        column = _shared_column(natives, mapping, spec)
    if mapping.text:
        # An unknown id known in part gives its text: the resource's own, not shared.
        dotted = ".".join(path)
        for index, (_, unknown, _) in enumerate(column):
            text = natives[index].texts.get(dotted) if unknown else None
            if text is not None:
                column[index] = _final(text, spec)
    return column


def _paths_column(
    natives: Sequence[NativeResource], mapping: FieldMapping, spec: FieldSpec
) -> list[_Final]:
    """A field read from several paths (`also`, an Azure ML key's `within`), or the secrets
    found in its values: once per distinct set of values, since estates repeat the same
    environments and scripts."""
    shared: dict[bytes, _Final] = {}
    column: list[_Final] = []
    paths = (mapping.path, *mapping.also, *((mapping.within,) if mapping.within else ()))
    for native in natives:
        key = _pickled([project(native.attributes, path) for path in paths])
        final = shared.get(key) if key is not None else None
        if final is None:
            final = _final(read_field(native, mapping, spec), spec)
            if key is not None:
                shared[key] = final
        column.append(final)
    return column


def _pickled(found: list[object]) -> bytes | None:
    """Bytes that tell structured values apart (1 from True, {1: x} from {"1": x}, unlike
    JSON text); None for a value pickle cannot write."""
    try:
        return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError, ValueError, RecursionError):
        return None  # AttributeError: a class defined in a function (before Python 3.12)


def _shared_column(
    natives: Sequence[NativeResource], mapping: FieldMapping, spec: FieldSpec
) -> list[_Final]:
    shared: dict[Hashable, _Final] = {}
    column: list[_Final] = []
    path = mapping.path
    for index, leaf in enumerate(_leaves(natives, path)):
        key = _memo_key(leaf) if leaf is not _STRUCTURED else None
        final = shared.get(key) if key is not None else None
        if final is not None:
            column.append(final)
            continue
        structured = leaf is _STRUCTURED
        found = project(natives[index].attributes, path) if structured else _found(leaf)
        if key is None:
            # A block or a list of blocks: shared by its pickled form.
            key = _pickled(found)
            final = shared.get(key) if key is not None else None
        if final is None:
            final = _final(value_of(found, mapping, spec), spec)
            if key is not None:
                shared[key] = final
        column.append(final)
    return column


def _name_column(natives: Sequence[NativeResource], table: KindMapping) -> list[str]:
    """Each resource's display name: the text at the table's `name` path, else its own."""
    if table.name_path is None:
        return [native.name for native in natives]
    names = []
    for native, leaf in zip(natives, _leaves(natives, table.name_path), strict=True):
        if isinstance(leaf, str):
            names.append(leaf)
            continue
        named = [v for v in project(native.attributes, table.name_path) if isinstance(v, str)]
        names.append(named[0] if named else native.name)
    return names


@dataclass(frozen=True, slots=True)
class _Mapped:
    """A mapped field of the table, with what its lines and relations need."""

    name: str
    mapping: FieldMapping
    dotted: str


def _mapped(table: KindMapping) -> list[_Mapped]:
    """The table's mapped fields in the kind's order (the order relations are listed in)."""
    by_field = {m.field: m for m in table.fields}
    return [
        _Mapped(spec.name, by_field[spec.name], ".".join(by_field[spec.name].path))
        for spec in table.kind.fields
        if spec.name in by_field
    ]


def _relations(
    native: NativeResource, mapped: list[_Mapped], at_path: dict[str, list[tuple[int, str]]]
) -> list[Relation]:
    """The relations a resource declares, in field order (as `normalize` lists them)."""
    references = native.references
    if any("." in path for path in references):
        # A reference inside a field (a statement's `Resource` in a policy document): the
        # field's value is read to see whether it holds a document.
        return [
            Relation(native.id, field.name, target, native.scope)
            for field in mapped
            for target in referred(native, field.mapping, field.dotted)
        ]
    hits = sorted(
        (order, name, path) for path in references for order, name in at_path.get(path, ())
    )
    return [
        Relation(native.id, name, target, native.scope)
        for _, name, path in hits
        for target in references[path]
    ]


def _lines(
    native: NativeResource,
    mapped: list[_Mapped],
    values: dict[str, object],
    unknown: frozenset[str],
    defaulted: frozenset[str],
) -> dict[str, int]:
    """The line of each field written in the source (an unknown value is written)."""
    lines: dict[str, int] = {}
    for field in mapped:
        value = values[field.name]
        written = field.name in unknown or not (value is None or field.name in defaulted)
        if written and not (field.mapping.present and value is False):
            line = attribute_line(native.lines, field.dotted)
            if line is not None:
                lines[field.name] = line
    return lines


def normalize_table(
    natives: Sequence[NativeResource], table: KindMapping
) -> tuple[list[Resource], list[list[Relation]]]:
    """Every resource of one table onto its kind: the resources, and each one's relations."""
    by_field = {m.field: m for m in table.fields}
    names = [spec.name for spec in table.kind.fields]
    values: list[list[object]] = []
    unknown: list[list[bool]] = []
    defaulted: list[list[bool]] = []
    for spec in table.kind.fields:
        mapping = by_field.get(spec.name)
        if mapping is None:
            values.append([spec.default] * len(natives))
            unknown.append([False] * len(natives))
            defaulted.append([spec.default is not None] * len(natives))
            continue
        column = _column(natives, mapping, spec)
        # A list result is shared by every resource with the same raw value: each gets its own.
        if spec.type.is_list:
            values.append([list(v) if isinstance(v, list) else v for v, _, _ in column])
        else:
            values.append([v for v, _, _ in column])
        unknown.append([u for _, u, _ in column])
        defaulted.append([d for _, _, d in column])
    # One frozenset per distinct pattern of flags, not one per resource.
    sets: dict[tuple[bool, ...], frozenset[str]] = {}

    def flagged(flags: tuple[bool, ...]) -> frozenset[str]:
        found = sets.get(flags)
        if found is None:
            found = sets[flags] = frozenset(n for n, f in zip(names, flags, strict=True) if f)
        return found

    count = len(natives)
    rows = zip(*values, strict=True) if names else [()] * count
    unknowns = zip(*unknown, strict=True) if names else [()] * count
    defaults = zip(*defaulted, strict=True) if names else [()] * count
    kind, provider = table.kind.name, table.kind.provider
    mapped = _mapped(table)
    at_path: dict[str, list[tuple[int, str]]] = {}  # the fields read at each dotted path
    for order, field in enumerate(mapped):
        at_path.setdefault(field.dotted, []).append((order, field.name))
    resources: list[Resource] = []
    relations: list[list[Relation]] = []
    for native, name, row, unknown_flags, default_flags in zip(
        natives, _name_column(natives, table), rows, unknowns, defaults, strict=True
    ):
        row_values = dict(zip(names, row, strict=True))
        unknown_set, defaulted_set = flagged(unknown_flags), flagged(default_flags)
        lines = (
            _lines(native, mapped, row_values, unknown_set, defaulted_set) if native.lines else {}
        )
        resources.append(
            Resource(
                id=native.id,
                kind=kind,
                provider=provider,
                type=native.type,
                name=name,
                location=native.location,
                values=row_values,
                unknown=unknown_set,
                scope=native.scope,
                suppressions=native.suppressions,
                defaulted=defaulted_set,
                lines=lines,
            )
        )
        relations.append(_relations(native, mapped, at_path) if native.references else [])
    return resources, relations


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector held off while a normalization builds its objects: each of its
    full passes walks every live object (the natives too), and a million resources trigger
    many; normalization builds no cycles for it to find. The previous state is restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
