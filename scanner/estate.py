"""An estate read from code for a walk of its own (`mlposture paths --from`): resources,
relations and the identities' reach, as the engine sees them, without judging any rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from scanner.engine.edges import edges
from scanner.engine.evaluate import RELATIONS_SCHEMA
from scanner.engine.language import Condition, Related, walk
from scanner.engine.language import Path as PathNode
from scanner.engine.rulebook import load_rulebook
from scanner.engine.rules import Rule
from scanner.engine.tables import build_tables
from scanner.errors import InputError
from scanner.mappings import Catalog
from scanner.model.resource import Resource
from scanner.sources.load import load_sources
from scanner.stages import Normalized, enrich, normalize_all, relations_table

# (kind, field, kind named, its field the name is, reversed): a reference written by value.
ByValue = tuple[str, str, str, str, bool]


@dataclass(frozen=True, slots=True)
class Estate:
    resources: list[Resource]
    relations: pl.DataFrame  # source, field, target (rows of `resources`)
    reach: pl.DataFrame | None  # source, field, target, via: the identities' reach
    errors: list[InputError]


def read_estate(paths: list[str], var_files: tuple[str, ...] = ()) -> Estate:
    """Normalize and enrich the code under `paths`; unreadable files go to `errors`. The
    relations include the names written as plain values that the rules follow (`match:`)."""
    book = load_rulebook()
    catalog = book.catalog
    errors: list[InputError] = []
    existing = []
    for raw in paths:
        if Path(raw).exists():
            existing.append((Path(raw), raw))
        else:
            errors.append(InputError(raw, None, "path does not exist"))
    load = load_sources(existing, catalog.native_types, var_files)
    errors.extend(load.errors)
    normalized = enrich(normalize_all(load.resources, catalog), errors)
    relations = _with_values(normalized, catalog, _by_value(book.rules))
    return Estate(normalized.resources, relations, normalized.reach, errors)


def _by_value(rules: Iterable[Rule]) -> set[ByValue]:
    """Every reference by value the rules follow: `related:` and path hops with `match`."""
    found: set[ByValue] = set()
    for rule in rules:
        found.update(_matches(rule.check, rule.kind))
    return found


def _matches(condition: Condition, kind: str) -> Iterator[ByValue]:
    for node in walk(condition):
        if isinstance(node, Related):
            spec = node.related
            if spec.match is not None:
                yield kind, spec.via, spec.kind, spec.match, False
            yield from _matches(spec.check, spec.kind)
        elif isinstance(node, PathNode):
            current = kind
            if node.path.entry is not None:
                yield from _matches(node.path.entry, kind)
            for hop in node.path.hops:
                if hop.match is not None:
                    yield current, hop.via, hop.kind, hop.match, hop.reverse
                if hop.check is not None:
                    yield from _matches(hop.check, hop.kind)
                current = hop.kind


def _with_values(normalized: Normalized, catalog: Catalog, by_value: set[ByValue]) -> pl.DataFrame:
    """The relations table and the edges of names written as values, one join each."""
    relations = relations_table(normalized)
    tables = build_tables(normalized.resources, catalog.kinds)
    found = [relations]
    for kind, via, target, match, reverse in sorted(by_value):
        source, named = tables.get(kind), tables.get(target)
        if source is None or named is None:
            continue
        pairs = edges(via, source, named, relations, match=match, reverse=reverse).collect()
        if reverse:  # as the relation is written: from the resource whose field names
            pairs = pairs.select(pl.col("target").alias("source"), pl.col("source").alias("target"))
        found.append(
            pairs.select("source", pl.lit(via).alias("field"), "target").cast(RELATIONS_SCHEMA)  # type: ignore[arg-type]
        )
    return pl.concat(found).unique(maintain_order=True)


def rows_named(estate: Estate, resource_id: str) -> list[int]:
    """The rows whose id (or, for live resources, name) is `resource_id`."""
    return [
        row
        for row, r in enumerate(estate.resources)
        if r.id == resource_id or (r.name == resource_id and r.location.file is None)
    ]
