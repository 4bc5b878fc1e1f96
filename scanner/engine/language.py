"""The condition language of rule files, as types: a rule's `check` is parsed once, at load.

A condition is one of

    {all: [condition, ...]}   {any: [condition, ...]}   {not: condition}
    {field: NAME, OP: VALUE}  one test of a field of the resource (FieldTest)
    {related: {via: FIELD, kind: KIND, check: condition, match?, reverse?, missing?}}
    {path: {entry?: condition, hops: [{via: RELATION, kind: KIND, check?, match?, reverse?}]}}

A scalar field takes `present`, `equals`, `not_equals`, `in`, `not_in`, `matches`,
`not_matches`, `starts_with`, `gt`, `gte`, `lt`, `lte`; a list field takes `present`,
`every` / `some` (a test of each element, the scalar tests without `field`), `contains` and
`not_empty`. The tree checks what the file alone can tell (shapes, operand types, regular
expressions); what needs the kind (does the field exist, is it a list) is checked by
conditions.check_condition. The JSON Schema of rule files (schema.py) is generated from these
types, so what an editor checks and what the loader accepts cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Literal

import polars as pl
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    TypeAdapter,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

Scalar = str | bool | int | float

_SCALAR_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"]}


def _scalar(value: object) -> Scalar:
    if isinstance(value, str | bool | int | float):
        return value
    raise ValueError(f"takes a string, a number or true/false, got {value!r}")


def _scalars(value: object) -> tuple[Scalar, ...]:
    if not isinstance(value, list):
        raise ValueError(f"takes a list, got {value!r}")
    return tuple(_scalar(item) for item in value)


def _number(value: object) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise ValueError(f"takes a number, got {value!r}")


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"takes true or false, got {value!r}")


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"takes a string, got {value!r}")


def _pattern(value: object) -> str:
    """A regular expression as the engine reads it: Rust's regex (Polars), which has no
    look-around or backreferences, so that a rule never fails at evaluation instead."""
    text = _text(value)
    try:
        pl.select(pl.lit("").str.contains(text))
    except pl.exceptions.ComputeError as exc:
        said = [line for line in str(exc).splitlines() if line.startswith("error: ")]
        reason = said[0].removeprefix("error: ") if said else "not a regular expression"
        raise ValueError(f"bad regular expression {text!r}: {reason}") from exc
    return text


# An operand is validated by one function, so a wrong one is one error (a union of types
# would report one per member); `None` is "not this test", never a value a file may write.
ScalarOperand = Annotated[Scalar | None, PlainValidator(_scalar), WithJsonSchema(_SCALAR_SCHEMA)]
ListOperand = Annotated[
    tuple[Scalar, ...] | None,
    PlainValidator(_scalars),
    WithJsonSchema({"type": "array", "items": _SCALAR_SCHEMA}),
]
NumberOperand = Annotated[
    int | float | None, PlainValidator(_number), WithJsonSchema({"type": "number"})
]
BoolOperand = Annotated[bool | None, PlainValidator(_boolean), WithJsonSchema({"type": "boolean"})]
TextOperand = Annotated[str | None, PlainValidator(_text), WithJsonSchema({"type": "string"})]
PatternOperand = Annotated[
    str | None,
    PlainValidator(_pattern),
    WithJsonSchema({"type": "string", "format": "regex"}),
]

MissingOutcome = Literal["undecided", "pass", "fail"]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Tests(_Node):
    """The tests of one value: of a scalar field, or of each element of a list field."""

    equals: ScalarOperand = Field(None, description="The value equals this.")
    not_equals: ScalarOperand = Field(None, description="The value is absent or differs.")
    in_: ListOperand = Field(None, alias="in", description="The value is one of these.")
    not_in: ListOperand = Field(None, description="The value is absent or none of these.")
    matches: PatternOperand = Field(None, description="The value matches this regex.")
    not_matches: PatternOperand = Field(None, description="The value is absent or does not match.")
    starts_with: TextOperand = Field(None, description="The value starts with this text.")
    gt: NumberOperand = Field(None, description="The value is greater than this.")
    gte: NumberOperand = Field(None, description="The value is at least this.")
    lt: NumberOperand = Field(None, description="The value is less than this.")
    lte: NumberOperand = Field(None, description="The value is at most this.")

    @model_validator(mode="after")
    def _one_test(self) -> _Tests:
        written = sorted(self._written())
        if len(written) != 1:
            known = ", ".join(self.operators())
            got = ", ".join(written) or "none"
            raise ValueError(f"takes exactly one test of: {known} (got {got})")
        return self

    @classmethod
    def operators(cls) -> tuple[str, ...]:
        """The test keys as a file writes them."""
        return tuple(
            info.alias or name for name, info in cls.model_fields.items() if name != "field"
        )

    def _written(self) -> list[str]:
        fields = type(self).model_fields
        return [fields[name].alias or name for name in self.model_fields_set if name != "field"]

    @property
    def op(self) -> str:
        """The one test written, e.g. `equals`."""
        return self._written()[0]

    @property
    def operand(self) -> Any:
        name = "in_" if self.op == "in" else self.op
        return getattr(self, name)

    def _test_as_written(self) -> dict[str, Any]:
        operand = self.operand
        return {self.op: list(operand) if isinstance(operand, tuple) else operand}

    @model_serializer
    def _as_written(self) -> dict[str, Any]:
        return self._test_as_written()


class ElementTest(_Tests):
    """A test of each element of a list field (`every:` / `some:`), e.g. `{gt: 1}`."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})


class FieldTest(_Tests):
    """`{field: NAME, OP: VALUE}`: one test of one field of the resource."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 2, "maxProperties": 2})

    field: str = Field(description="A field of the rule's kind.")
    present: BoolOperand = Field(
        None, description="true: the field has a value (or one known only after apply)."
    )
    every: ElementTest | None = Field(None, description="List field: every element passes.")
    some: ElementTest | None = Field(None, description="List field: some element passes.")
    contains: ScalarOperand = Field(None, description="List field: it holds this value.")
    not_empty: BoolOperand = Field(None, description="List field: it has an element.")

    @model_serializer
    def _as_written(self) -> dict[str, Any]:
        return {"field": self.field, **self._test_as_written()}


class AllOf(_Node):
    """`{all: [...]}`: every condition holds."""

    all: tuple[Condition, ...] = Field(json_schema_extra={"minItems": 1})

    @field_validator("all")
    @classmethod
    def _not_empty(cls, items: tuple[Condition, ...]) -> tuple[Condition, ...]:
        if not items:  # checked here, not by min_length: a bad item is then one error
            raise ValueError("takes a list of at least one condition")
        return items

    @model_serializer
    def _as_written(self) -> dict[str, Any]:
        return {"all": self.all}


class AnyOf(_Node):
    """`{any: [...]}`: at least one condition holds."""

    any: tuple[Condition, ...] = Field(json_schema_extra={"minItems": 1})

    @field_validator("any")
    @classmethod
    def _not_empty(cls, items: tuple[Condition, ...]) -> tuple[Condition, ...]:
        if not items:  # checked here, not by min_length: a bad item is then one error
            raise ValueError("takes a list of at least one condition")
        return items

    @model_serializer
    def _as_written(self) -> dict[str, Any]:
        return {"any": self.any}


class Not(_Node):
    """`{not: ...}`: the condition does not hold (undecided stays undecided)."""

    negated: Condition = Field(alias="not")

    @model_serializer
    def _as_written(self) -> dict[str, Any]:
        return {"not": self.negated}


class RelatedSpec(_Node):
    """The resources a field of this one refers to, tested by `check` (a join)."""

    via: str = Field(description="The field that refers to the other resource.")
    kind: str = Field(description="The kind of the related resources.")
    match: str | SkipJsonSchema[None] = Field(
        None,
        description="A field of the related kind that `via` may name by value (e.g. `arn`).",
    )
    reverse: bool = Field(
        False, strict=True, description="Test the resources of `kind` whose `via` refers here."
    )
    check: Condition = Field(description="The condition each related resource satisfies.")
    missing: MissingOutcome = Field(
        "undecided", description="The outcome when nothing related is found."
    )

    @model_validator(mode="after")
    def _reverse_without_match(self) -> RelatedSpec:
        if self.reverse and self.match is not None:
            raise ValueError("a reverse test takes no match")
        return self

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> dict[str, Any]:
        written: dict[str, Any] = handler(self)
        return {key: value for key, value in written.items() if key in self.model_fields_set}


class Related(_Node):
    """`{related: {...}}`: a test of the resources this one refers to (or that refer to it)."""

    related: RelatedSpec


# The relations the IAM analysis adds (the reach of an identity): no kind has them as fields.
REACH_RELATIONS = frozenset({"can_read", "can_write", "can_manage"})
MAX_HOPS = 6  # a chain longer than this is not a path anyone reads


class PathHop(_Node):
    """One hop of a path: from the resource reached so far, through a relation, to a resource
    of `kind` that satisfies `check`."""

    via: str = Field(
        description="The field that refers to the next resource, or a reach relation: "
        "can_read, can_write, can_manage (an identity's reach)."
    )
    kind: str = Field(description="The kind of the next resource.")
    match: str | SkipJsonSchema[None] = Field(
        None,
        description="A field of the next kind that `via` may name by value (e.g. `arn`); "
        "reversed, a field of this kind that the next kind's `via` names.",
    )
    reverse: bool = Field(
        False, strict=True, description="Walk to the resources of `kind` whose `via` refers here."
    )
    check: Condition | SkipJsonSchema[None] = Field(
        None, description="The condition the next resource satisfies (none: any resource)."
    )

    @model_validator(mode="after")
    def _reach_walked_forward(self) -> PathHop:
        if self.via in REACH_RELATIONS and (self.match is not None or self.reverse):
            raise ValueError(f"{self.via} is a reach relation: it takes no match or reverse")
        return self

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> dict[str, Any]:
        written: dict[str, Any] = handler(self)
        return {key: value for key, value in written.items() if key in self.model_fields_set}


class PathSpec(_Node):
    """A chain from the resource (`entry` holds on it) through `hops`, every hop's check holding."""

    entry: Condition | SkipJsonSchema[None] = Field(
        None, description="The condition the resource itself satisfies (none: any resource)."
    )
    hops: tuple[PathHop, ...] = Field(
        description="The hops, in order, from the resource to the path's end.",
        json_schema_extra={"minItems": 1, "maxItems": MAX_HOPS},
    )

    @field_validator("hops")
    @classmethod
    def _some_hops(cls, hops: tuple[PathHop, ...]) -> tuple[PathHop, ...]:
        if not hops or len(hops) > MAX_HOPS:
            raise ValueError(f"takes a list of 1 to {MAX_HOPS} hops")
        return hops

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> dict[str, Any]:
        written: dict[str, Any] = handler(self)
        return {key: value for key, value in written.items() if key in self.model_fields_set}


class Path(_Node):
    """`{path: {...}}`: some chain of hops from this resource exists (true), may exist
    (undecided), or none does (false). A rule writes `not: {path: ...}` to fail when it does."""

    path: PathSpec


# The key that makes a mapping each node (a field test is the mapping without one of them).
_NODE_KEYS: dict[str, type[_Node]] = {
    "all": AllOf,
    "any": AnyOf,
    "not": Not,
    "related": Related,
    "path": Path,
}


def _tag(value: object) -> str | None:
    """Which node a mapping is, by its key: an error then names the node's own keys."""
    if isinstance(value, dict):
        node = next((n for key, n in _NODE_KEYS.items() if key in value), None)
        if node is None and "field" in value:
            node = FieldTest
        return node.__name__ if node is not None else None
    return type(value).__name__


Condition = Annotated[
    Annotated[AllOf, Tag("AllOf")]
    | Annotated[AnyOf, Tag("AnyOf")]
    | Annotated[Not, Tag("Not")]
    | Annotated[Related, Tag("Related")]
    | Annotated[Path, Tag("Path")]
    | Annotated[FieldTest, Tag("FieldTest")],
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message="a condition is one of all, any, not, related, path, "
        "or a field test (field: NAME and one test)",
    ),
]
# The tags name the union's members in pydantic's error locations; they are never keys.
NODE_TAGS = frozenset({"AllOf", "AnyOf", "Not", "Related", "Path", "FieldTest"})

for _model in (AllOf, AnyOf, Not, RelatedSpec, Related, PathHop, PathSpec, Path):
    _model.model_rebuild()


def children(node: Condition) -> tuple[Condition, ...]:
    """The conditions a node combines on the same resource (a related check is another's)."""
    if isinstance(node, AllOf):
        return node.all
    if isinstance(node, AnyOf):
        return node.any
    if isinstance(node, Not):
        return (node.negated,)
    return ()


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node that tests the resource itself, in the order written (pre-order)."""
    pending = [condition]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(reversed(children(node)))


def as_written(condition: Condition) -> dict[str, Any]:
    """The condition as a rule file writes it (plain YAML / JSON values)."""
    dumped: dict[str, Any] = condition.model_dump(mode="json")
    return dumped


@cache
def _condition_adapter() -> TypeAdapter[Condition]:
    return TypeAdapter(Condition)


def parse_condition(raw: object) -> Condition:
    """A condition as a rule file's `check` writes it; pydantic's ValidationError if not."""
    return _condition_adapter().validate_python(raw)


def keys() -> frozenset[str]:
    """Every key the condition language has (to suggest one for a misspelt key)."""
    tests = {*FieldTest.operators(), "field"}
    related = {info.alias or name for name, info in RelatedSpec.model_fields.items()}
    path = {*PathSpec.model_fields, *PathHop.model_fields}
    return frozenset(tests | related | path | set(_NODE_KEYS))
