"""What the analyses share: the estate index (resources and relations) and filling a kind's
computed fields into a normalized resource."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from functools import cache

from scanner.model.resource import Relation, Resource


def with_computed(resource: Resource, computed: dict[str, object]) -> Resource:
    """The resource with `computed` values set; None marks a value undecided (unknown).

    A name the resource's kind does not declare is ignored.
    """
    values = resource.values
    # Called for every holder and policy of a million resources: the usual case (every name
    # declared, nothing undecided, nothing unknown before) takes no loop in Python.
    if computed.keys() <= values.keys():
        known = computed
    else:
        known = {name: value for name, value in computed.items() if name in values}
    unknown: frozenset[str] | set[str] = resource.unknown
    if None in known.values():
        undecided = {name for name, value in known.items() if value is None}
        unknown = (resource.unknown - known.keys()) | undecided
    elif unknown:
        unknown = resource.unknown - known.keys()
    return _with_values(resource, {**values, **known}, frozenset(unknown))


# The fields of Resource, in order, that _with_values copies (tests/iam/test_computed_copy.py).
_FIELDS = (
    "id",
    "kind",
    "provider",
    "type",
    "name",
    "location",
    "values",
    "unknown",
    "scope",
    "suppressions",
    "defaulted",
    "lines",
)
_Setter = Callable[[Resource, object], None]


@cache
def _slot_setters() -> tuple[_Setter, ...] | None:
    """The setters of Resource's slots, when its fields are the ones _with_values copies."""
    if tuple(f.name for f in fields(Resource)) != _FIELDS or not hasattr(Resource, "__slots__"):
        return None
    return tuple(getattr(Resource, name).__set__ for name in _FIELDS)


def _with_values(
    resource: Resource, values: dict[str, object], unknown: frozenset[str]
) -> Resource:
    """`replace(resource, values=values, unknown=unknown)`, every field spelt out.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`, and
    `replace` looks the fields up on each call: for the holders and targets of a million
    resources most of the copy's cost. The slots' own setters do the same in half the time."""
    setters = _slot_setters()
    if setters is None:
        return Resource(
            resource.id,
            resource.kind,
            resource.provider,
            resource.type,
            resource.name,
            resource.location,
            values,
            unknown,
            resource.scope,
            resource.suppressions,
            resource.defaulted,
            resource.lines,
        )
    copied = object.__new__(Resource)
    set_id, set_kind, set_provider, set_type, set_name, set_location = setters[:6]
    set_values, set_unknown, set_scope, set_suppressions, set_defaulted, set_lines = setters[6:]
    set_id(copied, resource.id)
    set_kind(copied, resource.kind)
    set_provider(copied, resource.provider)
    set_type(copied, resource.type)
    set_name(copied, resource.name)
    set_location(copied, resource.location)
    set_values(copied, values)
    set_unknown(copied, unknown)
    set_scope(copied, resource.scope)
    set_suppressions(copied, resource.suppressions)
    set_defaulted(copied, resource.defaulted)
    set_lines(copied, resource.lines)
    return copied


Key = tuple[str, str]  # (scope, resource id): ids are unique within a scope only


def key_of(resource: Resource) -> Key:
    return (resource.scope, resource.id)


@dataclass(slots=True)
class Estate:
    """The resources and their relations, indexed once for the lookups the analyses make.

    `targets` / `sources_of` hold relations between resources of the estate (by row);
    `referred` every target a field names, also one no kind maps (a `data.azurerm_client_config`,
    a storage account): that a field refers to *something* is itself a fact.
    """

    resources: list[Resource]
    by_key: dict[Key, int] = field(default_factory=dict)
    targets: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    sources_of: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    # Rows of each kind, in row order: an analysis visits its kinds, not the whole estate.
    kinds: dict[str, list[int]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    # What `refers` reads, indexed on its first call: only Azure and Google analyses ask.
    _referred: dict[tuple[Key, str], list[Key]] | None = None

    @classmethod
    def build(cls, resources: list[Resource], relations: list[Relation]) -> Estate:
        estate = cls(resources, {(r.scope, r.id): i for i, r in enumerate(resources)})
        estate.relations = relations
        kinds = estate.kinds
        for i, r in enumerate(resources):
            rows = kinds.get(r.kind)
            if rows is None:
                kinds[r.kind] = [i]
            else:
                rows.append(i)
        by_key, targets, sources_of = estate.by_key, estate.targets, estate.sources_of
        for relation in relations:
            scope, name = relation.scope, relation.field
            source = by_key.get((scope, relation.source_id))
            target = by_key.get((scope, relation.target_id))
            if source is None or target is None:
                continue
            targets.setdefault((source, name), []).append(target)
            sources_of.setdefault(target, []).append((source, name))
        return estate

    @property
    def referred(self) -> dict[tuple[Key, str], list[Key]]:
        """(source key, field) -> every target key the field names, mapped to a kind or not."""
        if self._referred is None:
            self._referred = {}
            for relation in self.relations:
                source_key = (relation.scope, relation.source_id)
                target_key = (relation.scope, relation.target_id)
                self._referred.setdefault((source_key, relation.field), []).append(target_key)
        return self._referred

    def rows_of(self, *kinds: str) -> list[int]:
        """Rows of the given kinds, in row order."""
        if len(kinds) == 1:
            return self.kinds.get(kinds[0], [])
        return sorted(row for kind in kinds for row in self.kinds.get(kind, []))

    def has(self, kinds: Iterable[str]) -> bool:
        """Whether the estate holds a resource of one of `kinds`."""
        return any(kind in self.kinds for kind in kinds)

    def related(self, row: int, field_name: str, kind: str | None = None) -> list[int]:
        found = self.targets.get((row, field_name))
        if not found:
            return []
        return [t for t in found if kind is None or self.resources[t].kind == kind]

    def refers(self, resource: Resource, field_name: str) -> list[Key]:
        """Everything `field_name` of `resource` refers to, mapped to a kind or not."""
        return self.referred.get((key_of(resource), field_name), [])

    def resource_at(self, key: Key) -> Resource | None:
        row = self.by_key.get(key)
        return None if row is None else self.resources[row]

    def kind_of(self, key: Key) -> str | None:
        found = self.resource_at(key)
        return found.kind if found is not None else None
