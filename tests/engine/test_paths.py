"""`path:`: existential, three-valued chains walked as joins (relations and reach edges)."""

from __future__ import annotations

from pathlib import Path

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
from scanner.sources.load import load_sources
from scanner.stages import enrich, normalize_all, results_of, run_engine
from tests.rules.cases import builtin_rulebook

HOST = Kind(
    "t.host",
    "aws",
    "host",
    (FieldSpec("exposed", FieldType.BOOL), FieldSpec("role", FieldType.STR)),
)
ROLE = Kind("t.role", "aws", "role", (FieldSpec("arn", FieldType.STR),))
STORE = Kind("t.store", "aws", "store", (FieldSpec("prod", FieldType.BOOL),))
KINDS = {k.name: k for k in (HOST, ROLE, STORE)}
PATH = {
    "path": {
        "entry": {"field": "exposed", "equals": True},
        "hops": [
            {"via": "role", "kind": ROLE.name, "match": "arn"},
            {"via": "can_write", "kind": STORE.name, "check": {"field": "prod", "equals": True}},
        ],
    }
}


def _rule(check: dict[str, object], category: str = "attack-path") -> Rule:
    return Rule.model_validate(
        {
            "id": "T-PATH-1",
            "slug": "p",
            "title": "no path",
            "severity": "critical",
            "category": category,
            "kind": HOST.name,
            "check": check,
            "rationale": "r",
            "remediation": {"terraform": "x"},
        }
    )


def _resource(kind: Kind, rid: str, values: dict[str, object], unknown: set[str]) -> Resource:
    return Resource(
        rid, kind.name, "aws", "t", rid, Location("terraform"), values, frozenset(unknown)
    )


def test_a_path_holds_may_hold_or_does_not() -> None:
    resources = [
        _resource(HOST, "h-sure", {"exposed": True}, set()),  # 0 -> r0 -> prod store
        _resource(HOST, "h-undecided", {"exposed": True}, set()),  # 1 -> r1 -> unknown store
        _resource(HOST, "h-private", {"exposed": False}, set()),  # 2 -> r0: not exposed
        _resource(HOST, "h-no-write", {"exposed": True}, set()),  # 3 -> r2, writes nothing
        _resource(HOST, "h-two-ways", {"exposed": True}, set()),  # 4 -> r1 and r0
        _resource(HOST, "h-unknown-entry", {"exposed": None}, {"exposed"}),  # 5 -> r0
        _resource(ROLE, "r0", {"arn": "arn:r0"}, set()),  # 6
        _resource(ROLE, "r1", {"arn": "arn:r1"}, set()),  # 7
        _resource(ROLE, "r2", {"arn": "arn:r2"}, set()),  # 8
        _resource(STORE, "s-prod", {"prod": True}, set()),  # 9
        _resource(STORE, "s-unknown", {"prod": None}, {"prod"}),  # 10
        _resource(STORE, "s-dev", {"prod": False}, set()),  # 11
    ]
    edges = pl.DataFrame(
        {
            "source": [0, 1, 2, 3, 4, 4, 5, 6, 7, 7],
            "field": ["role"] * 7 + ["can_write"] * 3,
            "target": [6, 7, 6, 8, 7, 6, 6, 9, 10, 11],
        },
        schema=RELATIONS_SCHEMA,
    )
    rule = _rule({"not": PATH})
    outcomes = evaluate(build_tables(resources, KINDS), compile_rules([rule], KINDS), edges)
    by_row = dict(outcomes.select(ROW_ID, "passed").iter_rows())
    # not path: fails where a chain surely holds, undecided where one may.
    assert by_row == {0: False, 1: None, 2: True, 3: True, 4: False, 5: None}


def test_a_hop_names_a_relation_or_a_reach_edge() -> None:
    check_condition(parse_condition(PATH), HOST, KINDS)
    wrong = {"path": {"hops": [{"via": "writes", "kind": STORE.name}]}}
    with pytest.raises(ConditionError, match=r"path\.hops\[0\]\.via: t\.host has no field"):
        check_condition(parse_condition(wrong), HOST, KINDS)
    with pytest.raises(ValidationError, match="reach relation"):
        parse_condition({"path": {"hops": [{"via": "can_read", "kind": "k", "reverse": True}]}})
    with pytest.raises(ValidationError, match="1 to 6 hops"):
        parse_condition({"path": {"hops": []}})


def test_the_category_goes_with_the_path() -> None:
    with pytest.raises(ValidationError, match="walks a path"):
        _rule({"field": "exposed", "equals": False})
    with pytest.raises(ValidationError, match="of category attack-path"):
        _rule({"not": PATH}, category="iam")


FIXTURE = Path("rules/aws/paths/exposed-notebook-writes-ml-data/fail.tf")


def test_a_reach_edge_is_a_hop_and_its_grant_is_the_evidence() -> None:
    """The IAM analysis' reach edges (Normalized.reach) join the relations: here given as
    the interface with the reach analysis says, one can_write edge with what grants it."""
    book = builtin_rulebook()
    load = load_sources([(FIXTURE, str(FIXTURE))], book.catalog.native_types, workers=1)
    normalized = enrich(normalize_all(load.resources, book.catalog))
    rows = {r.id: row for row, r in enumerate(normalized.resources)}
    role, bucket = rows["aws_iam_role.notebook"], rows["aws_s3_bucket.models"]
    normalized.reach = pl.DataFrame(
        {
            "source": [role],
            "field": ["can_write"],
            "target": [bucket],
            "via": ["s3:PutObject (inline policy data, statement 1)"],
        },
        schema={**RELATIONS_SCHEMA, "via": pl.String()},
    )
    rule = next(r for r in book.rules if r.id == "MLP-AWS-PATH-001")
    judged = run_engine(normalized, book.catalog, [rule])
    [result] = results_of(judged, include_passed=False)
    assert result.resource.id == "aws_sagemaker_notebook_instance.research"
    hops = [e.as_dict()["path"] for e in result.evidence]
    assert [(h["hop"], h["relation"]) for h in hops] == [  # type: ignore[index]
        (0, None),
        (1, "role_arn"),
        (2, "can_write"),
    ]
    assert hops[2]["granted_by"] == "s3:PutObject (inline policy data, statement 1)"  # type: ignore[index]
    assert "can_write -> aws_s3_bucket.models" in result.evidence[2].text
