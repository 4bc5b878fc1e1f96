"""Native resource -> normalized resource, by a kind table. Runs once per resource at load."""

from __future__ import annotations

import json
import logging

from scanner.mappings.catalog import FieldMapping, KindMapping
from scanner.mappings.secrets import find_secrets
from scanner.model.azureml import is_relative, own_key, referenced_key
from scanner.model.kinds import FieldSpec, FieldType
from scanner.model.resource import NativeResource, Relation, Resource
from scanner.model.storage import storage_name
from scanner.model.values import UNKNOWN, UNKNOWN_TEXT, Unknown

log = logging.getLogger(__name__)

_TRUE = frozenset({"true", "yes", "enabled", "1"})
_FALSE = frozenset({"false", "no", "disabled", "0"})
# FieldType's properties, looked up instead of computed: normalize reads them per value.
_LIST_TYPES = frozenset(t for t in FieldType if t.is_list)
_ELEMENT = {t: t.element for t in FieldType}
ANY_KEY = "*"  # a path step that is every value of a mapping


def project(value: object, path: tuple[str, ...]) -> list[object]:
    """All values at `path`, projecting over lists (a block given once or many times)."""
    current: list[object] = [value]
    for key in path:
        if key == ANY_KEY:
            current = _flatten([_values(item) for item in current])
            continue
        if len(current) == 1 and isinstance(current[0], dict):
            # The common case, one mapping: no list to build and flatten.
            if key not in current[0]:
                return []
            found = current[0][key]
            current = list(found) if isinstance(found, list) else [found]
            continue
        nxt: list[object] = []
        for item in current:
            if isinstance(item, Unknown):
                nxt.append(UNKNOWN)  # a whole unknown block makes what is inside unknown
            elif isinstance(item, dict) and key in item:
                nxt.append(item[key])
        current = _flatten(nxt)
    return current


def _values(item: object) -> object:
    """What a `*` step reaches in one item: a mapping's values; an unknown stays unknown."""
    if isinstance(item, dict):
        return list(item.values())
    return UNKNOWN if isinstance(item, Unknown) else []


def _flatten(items: list[object]) -> list[object]:
    flat: list[object] = []
    for item in items:
        if isinstance(item, list):
            flat.extend(item)
        else:
            flat.append(item)
    return flat


def _coerce(raw: object, ftype: FieldType) -> object:
    """Coerce one scalar to the field's element type; UNKNOWN when it cannot be read."""
    if raw is None or isinstance(raw, Unknown):
        return raw
    base = _ELEMENT[ftype]
    try:
        if base == "str":
            if isinstance(raw, bool):
                return str(raw).lower()
            if isinstance(raw, dict | list):
                # A structured value (a policy document) is kept as JSON text.
                return json.dumps(raw, sort_keys=True, default=_unknown_text)
            return raw if isinstance(raw, str) else str(raw)
        if base == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            return UNKNOWN
        if base == "int":
            if isinstance(raw, bool):
                return UNKNOWN
            return raw if isinstance(raw, int) else int(float(str(raw)))
        if base == "float":
            return float(str(raw))
    except (TypeError, ValueError):
        return UNKNOWN
    return UNKNOWN


def _unknown_text(value: object) -> str:
    if isinstance(value, Unknown):
        return UNKNOWN_TEXT
    return str(value)


def _translate(raw: object, mapping: FieldMapping) -> object:
    if mapping.values is not None and isinstance(raw, (str, bool, int)):
        key = str(raw).lower()
        if key in mapping.values:
            return mapping.values[key]
    return raw


def _per_block(block: object, path: tuple[str, ...], default: object) -> object:
    inside = project(block, path)
    if any(isinstance(v, Unknown) for v in inside):
        return UNKNOWN
    known = [v for v in inside if v is not None]
    return known[0] if known else default


def _block_matches(block: object, where: tuple[tuple[tuple[str, ...], str], ...]) -> bool | None:
    """Whether `where` selects a block; None when a value it tests is unknown (the block then
    makes the field unknown rather than being silently dropped or counted)."""
    if isinstance(block, Unknown):
        return None
    for path, expected in where:
        values = project(block, path)
        if any(isinstance(v, Unknown) for v in values):
            return None
        if not any(str(v).lower() == expected.lower() for v in values):
            return False
    return True


def _keys(value: object, keys: bool | str) -> list[object]:
    """Keys of a mapping (`keys: true`), or the key of one list entry (`keys: Key`).

    A list at the path is already projected into its entries, one `value` each.
    """
    if isinstance(value, Unknown):
        return [UNKNOWN]
    if not isinstance(value, dict):
        return [value]
    if isinstance(keys, str):
        return [value.get(keys)]
    return list(value)


class SentDefault:
    """The value a native type sends when the attribute is left out (a mapping's `default`)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def read_field(native: NativeResource, mapping: FieldMapping, spec: FieldSpec) -> object:
    if mapping.secrets:
        return find_secrets(
            [(".".join(p), project(native.attributes, p)) for p in (mapping.path, *mapping.also)]
        )
    found = [v for path in (mapping.path, *mapping.also) for v in project(native.attributes, path)]
    if mapping.azureml is not None:
        found = _azureml_keys(found, project(native.attributes, mapping.within), mapping.azureml)
    return value_of(found, mapping, spec)


def _azureml_keys(found: list[object], owners: list[object], kind: str) -> list[object]:
    """The Azure ML keys of what was found (see scanner/model/azureml.py), read under the
    first owner. With an owner known only after apply (a parent's id), a reference that names
    its workspace itself (a model version's full id) still has its key; others are unknown."""
    owner = next((o for o in owners if isinstance(o, str | Unknown)), None)
    keys: list[object] = []
    for value in found:
        if not isinstance(value, str) or owner is None:
            keys.append(value if isinstance(value, Unknown) else None)
        elif isinstance(owner, Unknown):
            relative = kind == "own" or is_relative(value, kind)
            keys.append(UNKNOWN if relative else referenced_key(value, kind, ""))
        elif kind == "own":
            keys.append(own_key(owner, value))
        else:
            keys.append(referenced_key(value, kind, owner))
    return keys


def value_of(found: list[object], mapping: FieldMapping, spec: FieldSpec) -> object:
    """The field's value from what was found at its paths (not for `secrets` fields): a pure
    function of `found`, so a column computes it once per distinct value."""
    if mapping.present:
        # An unknown value is still a value: `present` holds for it.
        return any(isinstance(v, Unknown) or v not in (None, "", [], {}) for v in found)
    if mapping.each_where:
        selected = [(block, _block_matches(block, mapping.each_where)) for block in found]
        found = [UNKNOWN if hit is None else block for block, hit in selected if hit is not False]
    if mapping.each is not None:
        found = [_per_block(block, mapping.each, mapping.each_default) for block in found]
    if mapping.keys:
        found = [key for v in found for key in _keys(v, mapping.keys)]
    if mapping.storage:
        found = [storage_name(v) if isinstance(v, str) else v for v in found]
    if mapping.unversioned:
        found = [v.partition("@")[0] if isinstance(v, str) else v for v in found]
    if mapping.last_segment:
        found = [v.rstrip("/").rpartition("/")[2] if isinstance(v, str) else v for v in found]
    # An empty string is no value: `kms_key_id = ""` / `KmsKeyId: ""` sets no key, and the
    # services (and Terraform's SDK, which cannot tell "" from unset) treat it as left out.
    found = [v for v in found if v is not None and v != ""]
    if spec.type in _LIST_TYPES:
        if not found:
            return None
        items = [_coerce(_translate(v, mapping), spec.type) for v in found]
        if mapping.partial and _ELEMENT[spec.type] == "str":
            items = [UNKNOWN_TEXT if isinstance(i, Unknown) else i for i in items]
        return UNKNOWN if any(isinstance(i, Unknown) for i in items) else items
    if not found:
        if mapping.each_default is None:
            return None
        return SentDefault(_coerce(mapping.each_default, spec.type))
    return _coerce(_translate(found[0], mapping), spec.type)


def attribute_line(lines: dict[str, int], dotted: str) -> int | None:
    """The attribute's own line, else its nearest enclosing block's (a value in a list)."""
    while dotted:
        if dotted in lines:
            return lines[dotted]
        dotted = dotted.rpartition(".")[0]
    return None


def referred(native: NativeResource, mapping: FieldMapping, dotted: str) -> list[str]:
    """What the field refers to: references at its path, and, for a field that holds a
    document (a policy as a mapping: `Resource: !GetAtt Admin.Arn` inside a statement), the
    references anywhere inside it."""
    found = list(native.references.get(dotted, ()))
    prefix = dotted + "."
    inside = [t for path, ts in native.references.items() if path.startswith(prefix) for t in ts]
    if inside and any(isinstance(v, dict) for v in project(native.attributes, mapping.path)):
        found.extend(t for t in inside if t not in found)
    return found


def select_table(native: NativeResource, tables: tuple[KindMapping, ...]) -> KindMapping | None:
    """The table of the native resource's kind: the first whose `where` it satisfies."""
    for table in tables:
        if all(
            any(str(v).lower() == expected.lower() for v in project(native.attributes, path))
            for path, expected in table.where
        ):
            return table
    return None


def normalize(native: NativeResource, table: KindMapping) -> tuple[Resource, list[Relation]]:
    """Map a native resource onto its kind; absent fields take the cloud's default."""
    values: dict[str, object] = {}
    unknown: set[str] = set()
    defaulted: set[str] = set()
    lines: dict[str, int] = {}
    relations: list[Relation] = []
    by_field = {m.field: m for m in table.fields}
    for spec in table.kind.fields:
        mapping = by_field.get(spec.name)
        value = read_field(native, mapping, spec) if mapping else None
        dotted = ".".join(mapping.path) if mapping is not None else ""
        if isinstance(value, Unknown) and mapping is not None and mapping.text:
            value = native.texts.get(dotted, value)
        if isinstance(value, SentDefault):
            defaulted.add(spec.name)
            value = value.value
        elif isinstance(value, Unknown):
            unknown.add(spec.name)
            value = None
        elif value is None:
            value = spec.default
            if value is not None:
                defaulted.add(spec.name)
        values[spec.name] = value
        if mapping is not None:
            written = spec.name in unknown or not (value is None or spec.name in defaulted)
            if native.lines and written and not (mapping.present and value is False):
                line = attribute_line(native.lines, dotted)
                if line is not None:
                    lines[spec.name] = line
            for target in referred(native, mapping, dotted):
                relations.append(Relation(native.id, spec.name, target, native.scope))
    name = native.name
    if table.name_path is not None:
        named = [v for v in project(native.attributes, table.name_path) if isinstance(v, str)]
        name = named[0] if named else native.name
    resource = Resource(
        id=native.id,
        kind=table.kind.name,
        provider=table.kind.provider,
        type=native.type,
        name=name,
        location=native.location,
        values=values,
        unknown=frozenset(unknown),
        scope=native.scope,
        defaulted=frozenset(defaulted),
        lines=lines,
    )
    return resource, relations
