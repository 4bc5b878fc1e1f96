"""Cross-resource tests (`related:`) are joins, three-valued like every other test."""

from __future__ import annotations

import polars as pl

from scanner.engine.evaluate import RELATIONS_SCHEMA, compile_rules, evaluate
from scanner.engine.rules import Rule
from scanner.engine.tables import build_tables
from scanner.model.kinds import FieldSpec, FieldType, Kind
from scanner.model.resource import Location, Resource

SCHEDULE = Kind("test.schedule", "aws", "schedule", (FieldSpec("job_definition", FieldType.STR),))
JOB = Kind("test.job", "aws", "job", (FieldSpec("isolated", FieldType.BOOL, default=False),))
KINDS = {SCHEDULE.name: SCHEDULE, JOB.name: JOB}


def _rule(missing: str) -> Rule:
    return Rule.model_validate(
        {
            "id": f"T-REL-{missing.upper()}",
            "slug": f"rel-{missing}",
            "title": "schedule runs an isolated job",
            "severity": "medium",
            "category": "network",
            "kind": SCHEDULE.name,
            "check": {
                "related": {
                    "via": "job_definition",
                    "kind": JOB.name,
                    "check": {"field": "isolated", "equals": True},
                    "missing": missing,
                }
            },
            "rationale": "r",
            "remediation": {"terraform": "x"},
        }
    )


def _resource(kind: Kind, rid: str, values: dict[str, object], unknown: set[str]) -> Resource:
    return Resource(
        rid, kind.name, "aws", "t", rid, Location("terraform"), values, frozenset(unknown)
    )


def test_related_outcomes() -> None:
    resources = [
        _resource(SCHEDULE, "s-good", {"job_definition": None}, {"job_definition"}),
        _resource(SCHEDULE, "s-bad", {"job_definition": None}, {"job_definition"}),
        _resource(SCHEDULE, "s-unknown", {"job_definition": None}, {"job_definition"}),
        _resource(SCHEDULE, "s-none", {"job_definition": "by-name"}, set()),
        _resource(JOB, "j-isolated", {"isolated": True}, set()),
        _resource(JOB, "j-open", {"isolated": False}, set()),
        _resource(JOB, "j-unknown", {"isolated": None}, {"isolated"}),
    ]
    edges = pl.DataFrame(
        {"source": [0, 1, 1, 2], "field": ["job_definition"] * 4, "target": [4, 4, 5, 6]},
        schema=RELATIONS_SCHEMA,
    )
    rules = [_rule("undecided"), _rule("fail")]
    outcomes = evaluate(build_tables(resources, KINDS), compile_rules(rules, KINDS), edges)
    got = {
        (resources[row].id, rule): passed
        for row, rule, passed in outcomes.select("__rid", "rule_id", "passed").iter_rows()
    }
    assert got == {
        ("s-good", "T-REL-UNDECIDED"): True,
        ("s-bad", "T-REL-UNDECIDED"): False,  # one of its jobs is open
        ("s-unknown", "T-REL-UNDECIDED"): None,
        ("s-none", "T-REL-UNDECIDED"): None,  # nothing related: undecided by default
        ("s-good", "T-REL-FAIL"): True,
        ("s-bad", "T-REL-FAIL"): False,
        ("s-unknown", "T-REL-FAIL"): None,  # related but undecided stays undecided
        ("s-none", "T-REL-FAIL"): False,
    }
