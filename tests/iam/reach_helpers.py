"""Reach edges of a fixture tree, through the stages a scan runs (sources, normalize, enrich)."""

from __future__ import annotations

from pathlib import Path

from scanner.engine.rulebook import rulebook_for
from scanner.errors import InputError
from scanner.model.resource import NativeResource
from scanner.sources.load import load_sources
from scanner.stages import Normalized, enrich, normalize_all

Edge = tuple[str, str, str]  # (identity id, field, target id)


def enriched(natives: list[NativeResource]) -> Normalized:
    catalog = rulebook_for((), True, None).catalog
    errors: list[InputError] = []
    normalized = enrich(normalize_all(natives, catalog), errors)
    assert errors == [], [e.as_dict() for e in errors]
    return normalized


def scanned(root: Path) -> Normalized:
    catalog = rulebook_for((), True, None).catalog
    load = load_sources([(root, str(root))], catalog.native_types)
    assert load.errors == [], [e.as_dict() for e in load.errors]
    return enriched(load.resources)


def edges(normalized: Normalized) -> dict[Edge, str]:
    """Every reach edge by (identity id, field, target id), with its `via` text."""
    ids = [r.id for r in normalized.resources]
    return {
        (ids[source], field, ids[target]): via
        for source, field, target, via in normalized.reach.iter_rows()
    }


def reach_of(root: Path) -> dict[Edge, str]:
    return edges(scanned(root))
