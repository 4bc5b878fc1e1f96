"""`related: {reverse: true}`: the resources that refer to this one (endpoint -> workspace)."""

from __future__ import annotations

import polars as pl
import pytest
from pydantic import ValidationError

from scanner.engine.conditions import ConditionError, check_condition
from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.language import parse_condition
from scanner.engine.rules import Rule
from scanner.engine.tables import ROW_ID, build_tables
from scanner.model.kinds import FieldSpec, FieldType, Kind
from scanner.model.resource import Location, Resource

WORKSPACE = Kind("test.workspace", "azure", "workspace", (FieldSpec("name", FieldType.STR),))
ENDPOINT = Kind(
    "test.endpoint",
    "azure",
    "endpoint",
    (FieldSpec("target", FieldType.STR), FieldSpec("groups", FieldType.LIST_STR)),
)
KINDS = {WORKSPACE.name: WORKSPACE, ENDPOINT.name: ENDPOINT}
CHECK = {
    "related": {
        "via": "target",
        "kind": ENDPOINT.name,
        "reverse": True,
        "check": {"field": "groups", "contains": "amlworkspace"},
        "missing": "fail",
    }
}


def _resource(kind: Kind, rid: str, values: dict[str, object], unknown: set[str]) -> Resource:
    return Resource(
        rid, kind.name, "azure", "t", rid, Location("terraform"), values, frozenset(unknown)
    )


def test_a_resource_is_judged_by_the_resources_that_refer_to_it() -> None:
    resources = [
        _resource(WORKSPACE, "ws-private", {"name": "a"}, set()),
        _resource(WORKSPACE, "ws-wrong-group", {"name": "b"}, set()),
        _resource(WORKSPACE, "ws-unknown", {"name": "c"}, set()),
        _resource(WORKSPACE, "ws-alone", {"name": "d"}, set()),
        _resource(ENDPOINT, "pe-a", {"target": None, "groups": ["amlworkspace"]}, {"target"}),
        _resource(ENDPOINT, "pe-b", {"target": None, "groups": ["blob"]}, {"target"}),
        _resource(ENDPOINT, "pe-c", {"target": None, "groups": None}, {"target", "groups"}),
    ]
    # Each endpoint's `target` refers to one workspace; no edge leads from a workspace.
    edges = pl.DataFrame(
        {"source": [4, 5, 6], "field": ["target"] * 3, "target": [0, 1, 2]},
        schema=RELATIONS_SCHEMA,
    )
    rule = Rule.model_validate(
        {
            "id": "T-REV-1",
            "slug": "rev",
            "title": "workspace has a private endpoint",
            "severity": "high",
            "category": "network",
            "kind": WORKSPACE.name,
            "check": CHECK,
            "rationale": "r",
            "remediation": {"terraform": "x"},
        }
    )
    outcomes = evaluate(build_tables(resources, KINDS), compile_rules([rule], KINDS), edges)
    by_row = dict(outcomes.select(ROW_ID, "passed").iter_rows())
    assert by_row == {0: True, 1: False, 2: None, 3: False}


def test_reverse_names_a_field_of_the_related_kind() -> None:
    check_condition(parse_condition(CHECK), WORKSPACE, KINDS)
    wrong = {"related": {**CHECK["related"], "via": "name"}}  # a workspace field
    with pytest.raises(ConditionError, match=r"related\.via: test\.endpoint has no field"):
        check_condition(parse_condition(wrong), WORKSPACE, KINDS)
    with pytest.raises(ValidationError, match="a reverse test takes no match"):
        parse_condition({"related": {**CHECK["related"], "match": "name"}})
