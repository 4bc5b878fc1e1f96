"""Companion resources: a native resource that configures another one, merged into it.

Terraform's AWS provider (4+) sets a bucket's default encryption and public access block in
resources of their own (`aws_s3_bucket_server_side_encryption_configuration`,
`aws_s3_bucket_public_access_block`) that name the bucket in their `bucket` attribute. A kind
table declares them on the type they configure (`companions:` in its YAML); before
normalization each companion's attributes are put under a key of its target's attributes, so
the target's table reads them with ordinary dotted paths and one rule judges every source.

A companion names its target by reference (`bucket = aws_s3_bucket.b.id`) or by the target's
name (`bucket = "ml-data"`), within one scope. One that names nothing known is ignored; one
that may name several targets, or a target configured by two companions of one type, leaves
that key UNKNOWN: Terraform would apply each, the last applied holds, and which that is
cannot be read from the code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from operator import attrgetter

from scanner.model.resource import NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.terraform.address import instance_key

_TYPE = attrgetter("type")


@dataclass(frozen=True, slots=True)
class Companion:
    """A native type that configures resources of `target_type`."""

    native_type: str
    target_type: str
    into: str  # the key of the target's attributes its attributes are merged under
    via: tuple[str, ...]  # its attribute naming the target: a reference, or the target's name
    matches: tuple[str, ...]  # the target's attribute a literal `via` value equals (its name)


def _instance_key(address: str) -> str:
    """`instance_key`, asked only of an id that ends as a key does (most have none)."""
    return instance_key(address) if address.endswith("]") else ""


def _scalar(attributes: object, path: tuple[str, ...]) -> object:
    """The value at `path`, through single blocks (a block may be a list of one)."""
    value = attributes
    for key in path:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


@dataclass(slots=True)
class _Targets:
    """Targets indexed by (scope, address), (scope, address without key) and (scope, name)."""

    by_address: dict[tuple[str, str], int]
    by_base: dict[tuple[str, str], list[int]]
    by_name: dict[tuple[str, str, str], list[int]]

    @classmethod
    def of(
        cls, natives: list[NativeResource], matches: Mapping[str, set[tuple[str, ...]]]
    ) -> _Targets:
        targets = cls({}, defaultdict(list), defaultdict(list))
        for index in [
            i for i, native_type in enumerate(map(_TYPE, natives)) if native_type in matches
        ]:
            native = natives[index]
            paths = matches[native.type]
            targets.by_address[(native.scope, native.id)] = index
            key = _instance_key(native.id)
            if key:
                targets.by_base[(native.scope, native.id[: -len(key)])].append(index)
            for path in paths:
                name = _scalar(native.attributes, path)
                if isinstance(name, str):
                    targets.by_name[(native.scope, native.type, name)].append(index)
        return targets

    def named_by(self, companion: NativeResource, spec: Companion) -> set[int]:
        """The targets `companion` may configure: by its literal value, else its references."""
        value = _scalar(companion.attributes, spec.via)
        if isinstance(value, str):
            found = set(self.by_name.get((companion.scope, spec.target_type, value), ()))
            if found:
                return found
        found = set()
        for address in companion.references.get(".".join(spec.via), ()):
            exact = self.by_address.get((companion.scope, address))
            if exact is not None:
                found.add(exact)
                continue
            # A plan names `aws_s3_bucket.b` for `aws_s3_bucket.b[count.index]`: the instance
            # of the companion's own key, else any instance may be meant.
            own = self.by_address.get((companion.scope, address + _instance_key(companion.id)))
            if own is not None:
                found.add(own)
            else:
                found.update(self.by_base.get((companion.scope, address), ()))
        return found


def _merged(target: NativeResource, into: str, companions: list[NativeResource]) -> NativeResource:
    attributes = dict(target.attributes)
    # Anything the target itself says at `into` (a provider 3.x inline block) gives way: the
    # separate resource is the one applied after it.
    inside = into + "."
    references = {
        p: t for p, t in target.references.items() if p != into and not p.startswith(inside)
    }
    texts = {p: t for p, t in target.texts.items() if p != into and not p.startswith(inside)}
    if len(companions) != 1:
        attributes[into] = UNKNOWN
    else:
        (companion,) = companions
        attributes[into] = companion.attributes
        references.update({inside + p: t for p, t in companion.references.items()})
        texts.update({inside + p: t for p, t in companion.texts.items()})
    # Every field named (not `replace`, whose introspection costs more than the merge).
    return NativeResource(
        id=target.id,
        type=target.type,
        name=target.name,
        attributes=attributes,
        location=target.location,
        references=references,
        scope=target.scope,
        suppressions=target.suppressions,
        texts=texts,
        lines=target.lines,
    )


def attach_companions(
    natives: list[NativeResource], companions: Mapping[str, tuple[Companion, ...]]
) -> list[NativeResource]:
    """`natives` with each companion merged into the resource it configures.

    Linear in the number of resources: targets are indexed once, each companion looks its
    target up. The companions themselves stay in the list (no table maps them)."""
    types = list(map(_TYPE, natives))
    if not companions or companions.keys().isdisjoint(types):
        return natives
    matches: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for specs in companions.values():
        for spec in specs:
            matches[spec.target_type].add(spec.matches)
    targets = _Targets.of(natives, matches)
    # (target index, key) -> the companions that configure it; None marks one that may.
    found: dict[tuple[int, str], list[NativeResource | None]] = defaultdict(list)
    for native in [natives[i] for i, native_type in enumerate(types) if native_type in companions]:
        for spec in companions[native.type]:
            named = targets.named_by(native, spec)
            for index in named:
                found[(index, spec.into)].append(native if len(named) == 1 else None)
    merged = list(natives)
    for index, into in sorted(found):
        configuring = found[(index, into)]
        known = [c for c in configuring if c is not None]
        companions_of = known if len(known) == len(configuring) else []
        merged[index] = _merged(merged[index], into, companions_of)
    return merged
