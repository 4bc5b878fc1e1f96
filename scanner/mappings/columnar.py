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

import pickle
from collections import defaultdict, deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import attrgetter, itemgetter

from scanner.mappings.catalog import Catalog, FieldMapping, KindMapping
from scanner.mappings.normalize import (
    ANY_KEY,
    SentDefault,
    attribute_line,
    project,
    read_field,
    referred,
    select_table,
    value_of,
)
from scanner.model.kinds import FieldSpec, FieldType
from scanner.model.resource import NativeResource, Relation, Resource, build_resources
from scanner.model.values import UNKNOWN, Unknown

# What a field's raw value is: absent from the resource, or too structured to share a result.
_ABSENT = object()
_STRUCTURED = object()
_SCALARS = (str, bool, int, float, Unknown)
# Raw values that a dict tells apart by themselves: no two of different classes are equal,
# except numbers (True == 1 == 1.0), of which a column may hold one class only.
_PLAIN = frozenset({str, bool, int, float, type(None), Unknown, object})
_NUMBERS = frozenset({bool, int, float})
_Attributes = dict[str, object]
_ATTRIBUTES = attrgetter("attributes")
_VALUE, _UNKNOWN, _DEFAULTED = itemgetter(0), itemgetter(1), itemgetter(2)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_ID, _TYPE, _SCOPE = attrgetter("id"), attrgetter("type"), attrgetter("scope")
_LOCATION, _SUPPRESSIONS = attrgetter("location"), attrgetter("suppressions")
_LINES, _REFERENCES = attrgetter("lines"), attrgetter("references")
_NAME = attrgetter("name")

# A field's final value and whether it is unknown / took a default: (value, unknown, defaulted).
_Final = tuple[object, bool, bool]


def _leaf(attributes: dict[str, object], path: tuple[str, ...]) -> object:
    """The value at `path` when every step is a mapping; _ABSENT when a step is missing (or a
    plain value or an empty list, which project to nothing), UNKNOWN when a step is unknown
    (what is inside is), _STRUCTURED when a step is a list of several (the full projection
    then decides)."""
    value: object = attributes
    for key in path:
        if key == ANY_KEY:
            return _STRUCTURED
        value = _step(value, key)
        if value is _ABSENT or value is _STRUCTURED or isinstance(value, Unknown):
            return value
    return value


def _step(value: object, key: str) -> object:
    """One step of `_leaf`: the value at `key` of `value`, or what stands for it."""
    if value is _STRUCTURED:
        return value
    if isinstance(value, list) and len(value) == 1:
        # A block given once (Terraform writes blocks as lists): projects as the block.
        value = value[0]
        if not isinstance(value, dict | Unknown):
            return _STRUCTURED
    if isinstance(value, dict):
        return value.get(key, _ABSENT)
    if isinstance(value, Unknown):
        return value
    return _STRUCTURED if isinstance(value, list) and value else _ABSENT


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


def _found_at(attributes: _Attributes, leaf: object, path: tuple[str, ...]) -> list[object]:
    """What `project` finds at `path`, by way of the leaf where it tells."""
    return project(attributes, path) if leaf is _STRUCTURED else _found(leaf)


def _final(value: object, spec: FieldSpec) -> _Final:
    """A field's raw result (see `read_field`) as (value, unknown, defaulted)."""
    if isinstance(value, SentDefault):
        return value.value, False, True
    if isinstance(value, Unknown):
        return None, True, False
    if value is None:
        return spec.default, False, spec.default is not None
    return value, False, False


def _leaves(attributes: Sequence[_Attributes], path: tuple[str, ...]) -> list[object]:
    """The leaf (see `_leaf`) at `path` of each resource: a step at a time over all of them,
    as `_leaf` steps through one."""
    if ANY_KEY in path:
        return [_leaf(values, path) for values in attributes]
    leaves = list(map(dict.get, attributes, repeat(path[0]), repeat(_ABSENT)))
    for key in path[1:]:
        # A mapping (most steps), a marker or unknown value (each steps to itself), an empty
        # list and a block given once are stepped here; anything else by `_step`.
        leaves = [
            leaf.get(key, _ABSENT)
            if leaf.__class__ is dict
            else leaf
            if leaf is _ABSENT or leaf is UNKNOWN
            else _ABSENT
            if leaf == []
            else leaf[0].get(key, _ABSENT)
            if leaf.__class__ is list and len(leaf) == 1 and leaf[0].__class__ is dict
            else _step(leaf, key)
            for leaf in leaves
        ]
    return leaves


def _column(
    natives: Sequence[NativeResource],
    attributes: Sequence[_Attributes],
    mapping: FieldMapping,
    spec: FieldSpec,
) -> list[_Final]:
    """The field's final value for every resource, computed once per distinct raw value."""
    path = mapping.path
    if mapping.secrets or mapping.also or mapping.azureml:
        column = _paths_column(natives, mapping, spec)
    elif not path:
        column = [_final(read_field(native, mapping, spec), spec) for native in natives]
    else:
        column = _shared_column(attributes, mapping, spec)
    if mapping.text:
        # An unknown id known in part gives its text: the resource's own, not shared.
        dotted = ".".join(path)
        for index in compress(range(len(column)), map(_UNKNOWN, column)):
            text = natives[index].texts.get(dotted)
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
    attributes: Sequence[_Attributes], mapping: FieldMapping, spec: FieldSpec
) -> list[_Final]:
    path = mapping.path
    leaves = _leaves(attributes, path)
    distinct = _distinct(leaves)
    if distinct is not None:
        # Plain values only (the common case): each distinct one mapped, then looked up.
        if _text_as_is(mapping, spec):
            # Names and ids, mostly distinct: a text is its own value, without `value_of`.
            finals = {
                leaf: (leaf, False, False)
                if leaf.__class__ is str and leaf
                else _final(value_of(_found(leaf), mapping, spec), spec)
                for leaf in distinct
            }
        else:
            finals = {
                leaf: _final(value_of(_found(leaf), mapping, spec), spec) for leaf in distinct
            }
        return list(map(finals.__getitem__, leaves))
    shared: dict[Hashable, _Final] = {}
    column: list[_Final] = []
    if mapping.present:
        # Whether anything is there: cheaper to tell than to share (a list of blocks).
        present = _final(True, spec)
        return [
            present
            if leaf.__class__ is list and leaf and leaf[0].__class__ is dict and leaf[0]
            else _final(value_of(_found_at(a, leaf, path), mapping, spec), spec)
            for a, leaf in zip(attributes, leaves, strict=True)
        ]
    for index, leaf in enumerate(leaves):
        key = _memo_key(leaf) if leaf is not _STRUCTURED else None
        final = shared.get(key) if key is not None else None
        if final is not None:
            column.append(final)
            continue
        structured = leaf is _STRUCTURED
        found = project(attributes[index], path) if structured else _found(leaf)
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


def _text_as_is(mapping: FieldMapping, spec: FieldSpec) -> bool:
    """Whether `value_of` gives a non-empty text found alone as it is: a text field that
    nothing translates, selects from or rewrites."""
    return (
        spec.type is FieldType.STR
        and mapping.values is None
        and not (mapping.present or mapping.keys or mapping.storage)
        and not (mapping.unversioned or mapping.last_segment)
        and mapping.each is None
        and not mapping.each_where
    )


def _distinct(leaves: list[object]) -> dict[object, None] | None:
    """The distinct leaves, when all are plain values that a dict keeps apart (see _PLAIN);
    None when one is structured, a list, a mapping or of another class (a subclass of str
    keeps its class: the general path tells it apart)."""
    classes = set(map(type, leaves))  # of every leaf: a dict keeps one of True and 1
    if not classes <= _PLAIN or len(classes & _NUMBERS) > 1:
        return None
    distinct = dict.fromkeys(leaves)
    return None if _STRUCTURED in distinct else distinct


def _name_column(
    natives: Sequence[NativeResource], attributes: Sequence[_Attributes], table: KindMapping
) -> list[str]:
    """Each resource's display name: the text at the table's `name` path, else its own."""
    if table.name_path is None:
        return list(map(_NAME, natives))
    path = table.name_path
    return [
        leaf if isinstance(leaf, str) else _named(native, path)
        for native, leaf in zip(natives, _leaves(attributes, path), strict=True)
    ]


def _named(native: NativeResource, path: tuple[str, ...]) -> str:
    """The first text at `path`, else the resource's own name."""
    named = [v for v in project(native.attributes, path) if isinstance(v, str)]
    return named[0] if named else native.name


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


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which fields a resource's references make relations of, for one set of reference
    paths: `inside` when a path is dotted (a reference inside a field, read by `referred`),
    else `hits`: (field name, path) in field order."""

    inside: tuple[_Mapped, ...] = ()
    hits: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Declared:
    """The relations the resources of one table declare, planned once per distinct set of
    reference paths (estates repeat a few)."""

    mapped: list[_Mapped]
    plans: dict[tuple[str, ...], _Plan] = field(default_factory=dict)

    def of(self, native: NativeResource) -> list[Relation]:
        """The relations a resource declares, in field order (as `normalize` lists them)."""
        references = native.references
        paths = tuple(references)
        plan = self.plans.get(paths)
        if plan is None:
            plan = self.plans[paths] = self._plan(paths)
        if plan.inside:
            # A reference inside a field (a statement's `Resource` in a policy document): the
            # field's value is read to see whether it holds a document.
            return [
                Relation(native.id, mapped.name, target, native.scope)
                for mapped in plan.inside
                for target in referred(native, mapped.mapping, mapped.dotted)
            ]
        return [
            Relation(native.id, name, target, native.scope)
            for name, path in plan.hits
            for target in references[path]
        ]

    def _plan(self, paths: tuple[str, ...]) -> _Plan:
        if any("." in path for path in paths):
            # Only a field at a path or above it can refer: `referred` finds nothing for others.
            above = {
                path.rsplit(".", cut)[0] for path in paths for cut in range(path.count(".") + 1)
            }
            return _Plan(inside=tuple(m for m in self.mapped if m.dotted in above))
        hits = sorted(
            (order, mapped.name, mapped.dotted)
            for order, mapped in enumerate(self.mapped)
            if mapped.dotted in paths
        )
        return _Plan(hits=tuple((name, path) for _, name, path in hits))


def _lines(
    native: NativeResource,
    mapped: list[_Mapped],
    values: dict[str, object],
    unknown: frozenset[str],
    defaulted: frozenset[str],
) -> dict[str, int]:
    """The line of each field written in the source (an unknown value is written)."""
    lines: dict[str, int] = {}
    for one in mapped:
        value = values[one.name]
        written = one.name in unknown or not (value is None or one.name in defaulted)
        if written and not (one.mapping.present and value is False):
            line = attribute_line(native.lines, one.dotted)
            if line is not None:
                lines[one.name] = line
    return lines


def normalize_table(
    natives: Sequence[NativeResource], table: KindMapping
) -> tuple[list[Resource], dict[int, list[Relation]]]:
    """Every resource of one table onto its kind: the resources, and the relations of those
    that declare any, by their position in `natives`."""
    count = len(natives)
    attributes = list(map(_ATTRIBUTES, natives))
    by_field = {m.field: m for m in table.fields}
    names = [spec.name for spec in table.kind.fields]
    values: list[list[object]] = []
    # The flag columns that are not all False, by field name.
    unknown: dict[str, list[bool]] = {}
    defaulted: dict[str, list[bool]] = {}
    for spec in table.kind.fields:
        mapping = by_field.get(spec.name)
        if mapping is None:
            values.append([spec.default] * count)
            if spec.default is not None:
                defaulted[spec.name] = [True] * count
            continue
        column = _column(natives, attributes, mapping, spec)
        column_values = list(map(_VALUE, column))
        if spec.type.is_list:
            # A list result is shared by every resource with the same raw value: each gets
            # its own.
            column_values = [list(v) if isinstance(v, list) else v for v in column_values]
        values.append(column_values)
        unknown_flags, default_flags = list(map(_UNKNOWN, column)), list(map(_DEFAULTED, column))
        if True in unknown_flags:
            unknown[spec.name] = unknown_flags
        if True in default_flags:
            defaulted[spec.name] = default_flags
    unknown_sets, defaulted_sets = _flag_sets(count, unknown, defaulted)
    # Each resource's values: a dict per row, built by `map` (no Python loop per resource).
    rows = zip(*values, strict=True)
    row_values = list(map(dict, map(zip, repeat(names), rows))) if names else [{} for _ in natives]
    mapped = _mapped(table)
    lines: list[dict[str, int]] = [{} for _ in range(count)]
    for index in compress(range(count), map(_LINES, natives)):
        lines[index] = _lines(
            natives[index], mapped, row_values[index], unknown_sets[index], defaulted_sets[index]
        )
    resources = build_resources(
        id=list(map(_ID, natives)),
        kind=repeat(table.kind.name),
        provider=repeat(table.kind.provider),
        type=map(_TYPE, natives),
        name=_name_column(natives, attributes, table),
        location=map(_LOCATION, natives),
        values=row_values,
        unknown=unknown_sets,
        scope=map(_SCOPE, natives),
        suppressions=map(_SUPPRESSIONS, natives),
        defaulted=defaulted_sets,
        lines=lines,
    )
    declared = _Declared(mapped)
    relations = {
        index: declared.of(natives[index])
        for index in compress(range(count), map(_REFERENCES, natives))
    }
    return resources, relations


def _flag_sets(
    count: int, unknown: dict[str, list[bool]], defaulted: dict[str, list[bool]]
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """Each resource's unknown and defaulted fields: one frozenset per distinct pattern of
    flags, not one per resource."""
    columns = [*unknown.values(), *defaulted.values()]
    if not columns:
        none: frozenset[str] = frozenset()
        return [none] * count, [none] * count
    unknown_names, defaulted_names = list(unknown), list(defaulted)
    split = len(unknown_names)
    patterns = list(zip(*columns, strict=True))
    sets: dict[tuple[bool, ...], tuple[frozenset[str], frozenset[str]]] = {
        pattern: (
            frozenset(compress(unknown_names, pattern[:split])),
            frozenset(compress(defaulted_names, pattern[split:])),
        )
        for pattern in dict.fromkeys(patterns)
    }
    pairs = list(map(sets.__getitem__, patterns))
    return list(map(_FIRST, pairs)), list(map(_SECOND, pairs))


def normalize_tables(
    natives: list[NativeResource], catalog: Catalog
) -> tuple[list[Resource], list[Relation]]:
    """Every native resource of a table onto its kind, each table's together: the resources
    and their relations, in the order the resources were read (those of no table left out)."""
    placed: list[Resource | None] = [None] * len(natives)
    declared: list[list[Relation] | None] = [None] * len(natives)
    for table, indexes in _tables_of(natives, catalog).values():
        resources, relations = normalize_table(list(map(natives.__getitem__, indexes)), table)
        deque(map(placed.__setitem__, indexes, resources), maxlen=0)  # back in read order
        for position, relations_of in relations.items():
            declared[indexes[position]] = relations_of
    resources_read = [resource for resource in placed if resource is not None]
    return resources_read, list(chain.from_iterable(filter(None, declared)))


def _tables_of(
    natives: list[NativeResource], catalog: Catalog
) -> dict[int, tuple[KindMapping, list[int]]]:
    """The positions of the resources each table maps (by the table's id), in read order;
    resources of no table are left out."""
    by_type: defaultdict[str, list[int]] = defaultdict(list)
    for index, native_type in enumerate(map(_TYPE, natives)):
        by_type[native_type].append(index)
    groups: dict[int, tuple[KindMapping, list[int]]] = {}
    for native_type, indexes in by_type.items():
        tables = catalog.by_native_type.get(native_type, ())
        if len(tables) == 1 and not tables[0].where:
            groups.setdefault(id(tables[0]), (tables[0], []))[1].extend(indexes)
            continue
        for index in indexes:
            table = select_table(natives[index], tables)
            if table is not None:
                groups.setdefault(id(table), (table, []))[1].append(index)
    for _, indexes in groups.values():
        indexes.sort()  # types that share a table: back in read order
    return groups
