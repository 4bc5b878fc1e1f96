"""Filling a kind's computed fields (what an analysis found) into a normalized resource."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from scanner.model.resource import Relation, Resource


def with_computed(resource: Resource, computed: dict[str, object]) -> Resource:
    """The resource with `computed` values set; None marks a value undecided (unknown).

    A name the resource's kind does not declare is ignored.
    """
    values = dict(resource.values)
    unknown = set(resource.unknown)
    for name, value in computed.items():
        if name not in values:
            continue
        values[name] = value
        if value is None:
            unknown.add(name)
        else:
            unknown.discard(name)
    return replace(resource, values=values, unknown=frozenset(unknown))


Key = tuple[str, str]  # (scope, resource id): ids are unique within a scope only


@dataclass(frozen=True, slots=True)
class Graph:
    """The resources of an estate by key, and the relations leaving each field."""

    by_key: dict[Key, Resource]
    targets: dict[tuple[Key, str], list[Key]]  # (source, field) -> targets

    @classmethod
    def of(cls, resources: list[Resource], relations: list[Relation]) -> Graph:
        targets: dict[tuple[Key, str], list[Key]] = defaultdict(list)
        for rel in relations:
            targets[((rel.scope, rel.source_id), rel.field)].append((rel.scope, rel.target_id))
        return cls({(r.scope, r.id): r for r in resources}, dict(targets))

    def related(self, resource: Resource, field: str) -> list[Key]:
        return self.targets.get(((resource.scope, resource.id), field), [])

    def kind_of(self, key: Key) -> str | None:
        found = self.by_key.get(key)
        return found.kind if found is not None else None
