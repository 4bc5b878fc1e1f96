"""The normalized resource model: kinds, resources, relations, locations."""

from scanner.model.kinds import FieldSpec, FieldType, Kind
from scanner.model.resource import Location, NativeResource, Relation, Resource
from scanner.model.values import UNKNOWN, Unknown

__all__ = [
    "UNKNOWN",
    "FieldSpec",
    "FieldType",
    "Kind",
    "Location",
    "NativeResource",
    "Relation",
    "Resource",
    "Unknown",
]
