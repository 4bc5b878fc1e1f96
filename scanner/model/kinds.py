"""Kinds: provider-neutral resource types with typed fields and the cloud's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    STR = "str"
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    LIST_STR = "list[str]"
    LIST_INT = "list[int]"
    LIST_BOOL = "list[bool]"

    @property
    def is_list(self) -> bool:
        return self.value.startswith("list[")

    @property
    def element(self) -> str:
        """The scalar type: `str` for both `str` and `list[str]`."""
        return self.value.removeprefix("list[").removesuffix("]")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One typed field of a kind. `default` is what the cloud uses when the source omits it."""

    name: str
    type: FieldType
    default: object = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Kind:
    """A normalized resource type, e.g. `aws.sagemaker.notebook_instance`."""

    name: str
    provider: str
    title: str
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"kind {self.name} has no field {name!r}")

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)
