"""Resources as sources yield them (native) and as rules see them (normalized)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import repeat

from scanner.model.suppression import Suppression


@dataclass(frozen=True, slots=True)
class Location:
    """Where a resource came from: file and line for code; account, region for live."""

    source: str  # terraform | terraform-plan | cloudformation | arm | live
    file: str | None = None
    line: int | None = None
    account: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class NativeResource:
    """A resource in its source's own vocabulary, values already evaluated where possible.

    `attributes` hold plain JSON-like values; a value the source cannot know is UNKNOWN.
    `references` maps an attribute path (dotted) to the ids of resources it refers to.
    """

    id: str  # Terraform address, CloudFormation logical id, ARM name, ARN
    type: str  # native type: aws_sagemaker_notebook_instance, AWS::SageMaker::...
    name: str
    attributes: dict[str, object]
    location: Location
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scope: str = ""  # the unit references resolve in: a root module, a template, an account
    # Inline `mlposture:ignore` suppressions written on the resource (comments, Metadata).
    suppressions: tuple[Suppression, ...] = ()
    # Strings known only in part, by attribute path: the text with each unknown piece written
    # `${...}` (the attribute itself is UNKNOWN). Ids are read segment by segment from them.
    texts: dict[str, str] = field(default_factory=dict)
    # The line of each attribute, by dotted path (`primary_container.image`), where the source
    # knows it (Terraform HCL, CloudFormation); the evidence of a failed result points at it.
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge between two resources, e.g. notebook --role_arn--> IAM role."""

    source_id: str
    field: str
    target_id: str
    scope: str = ""


@dataclass(frozen=True, slots=True)
class Resource:
    """A normalized resource: a kind plus typed field values (defaults applied)."""

    id: str
    kind: str
    provider: str
    type: str
    name: str
    location: Location
    values: dict[str, object]
    unknown: frozenset[str] = frozenset()
    scope: str = ""
    suppressions: tuple[Suppression, ...] = ()
    # Fields the source left out, which took the kind's service default (or the default the
    # native type sends when left out): `direct_internet_access` absent, so Enabled.
    defaulted: frozenset[str] = frozenset()
    # Field -> line of the attribute it was read from, where the source knows attribute lines.
    lines: Mapping[str, int] = field(default_factory=dict)


_RESOURCE_FIELDS = tuple(fields(Resource))


def build_resources(**columns: Iterable[object]) -> list[Resource]:
    """Resources built a column at a time: `columns` holds an iterable per field of
    `Resource` (every field given; the first one's length is the count).

    The same objects as `Resource(...)` row by row, built without calling its `__init__` once
    per resource: a frozen dataclass sets each field through `object.__setattr__`, which at a
    million resources is seconds. Each field's slot is filled for all resources by `map`."""
    if set(columns) != {f.name for f in _RESOURCE_FIELDS}:
        raise TypeError(f"build_resources needs every field of Resource: {sorted(columns)}")
    first = list(columns[_RESOURCE_FIELDS[0].name])
    built = list(map(Resource.__new__, repeat(Resource, len(first))))
    for spec in _RESOURCE_FIELDS:
        values = first if spec is _RESOURCE_FIELDS[0] else columns[spec.name]
        slot = getattr(Resource, spec.name)
        deque(map(slot.__set__, built, values), maxlen=0)
    return built
