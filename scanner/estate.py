"""An estate read from code for a walk of its own (`mlposture paths --from`): resources,
relations and the identities' reach, as the engine sees them, without judging any rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from scanner.errors import InputError
from scanner.mappings import load_catalog
from scanner.model.resource import Resource
from scanner.sources.load import load_sources
from scanner.stages import enrich, normalize_all, relations_table


@dataclass(frozen=True, slots=True)
class Estate:
    resources: list[Resource]
    relations: pl.DataFrame  # source, field, target (rows of `resources`)
    reach: pl.DataFrame | None  # source, field, target, via: the identities' reach
    errors: list[InputError]


def read_estate(paths: list[str], var_files: tuple[str, ...] = ()) -> Estate:
    """Normalize and enrich the code under `paths`; unreadable files go to `errors`."""
    catalog = load_catalog()
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
    return Estate(normalized.resources, relations_table(normalized), normalized.reach, errors)


def rows_named(estate: Estate, resource_id: str) -> list[int]:
    """The rows whose id (or, for live resources, name) is `resource_id`."""
    return [
        row
        for row, r in enumerate(estate.resources)
        if r.id == resource_id or (r.name == resource_id and r.location.file is None)
    ]
