"""The condition language: absent values, unknown values, and three-valued logic."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from pydantic import ValidationError

from scanner.engine.conditions import ConditionError, check_condition, compile_condition
from scanner.engine.language import parse_condition
from scanner.engine.tables import build_tables
from scanner.model.kinds import FieldSpec, FieldType, Kind
from scanner.model.resource import Location, Resource

KIND = Kind(
    name="test.thing",
    provider="aws",
    title="thing",
    fields=(
        FieldSpec("key", FieldType.STR),
        FieldSpec("open", FieldType.BOOL, default=True),
        FieldSpec("counts", FieldType.LIST_INT),
        FieldSpec("size", FieldType.INT),
    ),
)


def _resource(
    index: int, values: dict[str, object], unknown: frozenset[str] = frozenset()
) -> Resource:
    full = {"key": None, "open": True, "counts": None, "size": None, **values}
    return Resource(
        id=f"r{index}",
        kind=KIND.name,
        provider="aws",
        type="t",
        name=f"r{index}",
        location=Location("terraform"),
        values=full,
        unknown=unknown,
    )


def _outcomes(written: dict[str, Any], resources: list[Resource]) -> list[bool | None]:
    condition = parse_condition(written)
    check_condition(condition, KIND, {KIND.name: KIND})
    table = build_tables(resources, {KIND.name: KIND})[KIND.name]
    expr = compile_condition(condition, KIND, {KIND.name: KIND}, [])
    return table.select(expr.alias("x"))["x"].to_list()


def test_present_holds_for_unknown_and_fails_for_absent() -> None:
    resources = [
        _resource(0, {"key": "arn:aws:kms:eu-west-1:1:key/k"}),
        _resource(1, {}),
        _resource(2, {}, unknown=frozenset({"key"})),
    ]
    assert _outcomes({"field": "key", "present": True}, resources) == [True, False, True]


def test_value_tests_on_unknown_are_undecided() -> None:
    resources = [
        _resource(0, {"open": False}),
        _resource(1, {"open": True}),
        _resource(2, {}, unknown=frozenset({"open"})),
    ]
    assert _outcomes({"field": "open", "equals": False}, resources) == [True, False, None]
    assert _outcomes({"not": {"field": "open", "equals": False}}, resources) == [False, True, None]


def test_kleene_logic_decides_when_known_parts_decide() -> None:
    unknown_open = frozenset({"open"})
    resources = [
        _resource(0, {"key": None}, unknown_open),  # known failure AND unknown -> failed
        _resource(1, {"key": "k"}, unknown_open),  # known pass AND unknown -> undecided
    ]
    both = {"all": [{"field": "key", "present": True}, {"field": "open", "equals": False}]}
    either = {"any": [{"field": "key", "present": True}, {"field": "open", "equals": False}]}
    assert _outcomes(both, resources) == [False, None]
    assert _outcomes(either, resources) == [None, True]


def test_absent_values_fail_positive_and_pass_negative_tests() -> None:
    resources = [_resource(0, {}), _resource(1, {"key": "alias/aws/sagemaker"})]
    assert _outcomes({"field": "key", "equals": "x"}, resources) == [False, False]
    assert _outcomes({"field": "key", "not_matches": "^alias/aws/"}, resources) == [True, False]
    assert _outcomes({"field": "size", "gt": 1}, resources) == [False, False]


def test_list_tests() -> None:
    resources = [
        _resource(0, {"counts": [2, 3]}),
        _resource(1, {"counts": [2, 1]}),
        _resource(2, {"counts": None}),
        _resource(3, {"counts": []}),
    ]
    assert _outcomes({"field": "counts", "every": {"gt": 1}}, resources) == [
        True,
        False,
        False,
        True,
    ]
    assert _outcomes({"field": "counts", "some": {"equals": 1}}, resources) == [
        False,
        True,
        False,
        False,
    ]
    assert _outcomes({"field": "counts", "not_empty": True}, resources) == [
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"field": "nope", "present": True},
        {"field": "key", "equals": 1, "in": [1]},
        {"field": "key", "every": {"gt": 1}},
        {"field": "counts", "equals": 1},
        {"all": []},
        {"field": "key", "matches": "("},
        {"field": "size", "gt": "one"},
    ],
)
def test_malformed_conditions_are_rejected(bad: dict[str, Any]) -> None:
    # The shape is the parser's to refuse, a field the kind lacks or a list test of a scalar
    # the check against the kind's.
    with pytest.raises((ValidationError, ConditionError)):
        check_condition(parse_condition(bad), KIND, {KIND.name: KIND})


def test_table_has_typed_columns() -> None:
    table = build_tables([_resource(0, {"counts": [1]})], {KIND.name: KIND})[KIND.name]
    assert table.schema["counts"] == pl.List(pl.Int64())
    assert table.schema["open__unknown"] == pl.Boolean()
