"""Mappings from each source's native types onto kinds: data files, one per kind."""

from scanner.mappings.catalog import Catalog, FieldMapping, KindMapping, load_catalog
from scanner.mappings.normalize import normalize, select_table

__all__ = ["Catalog", "FieldMapping", "KindMapping", "load_catalog", "normalize", "select_table"]
