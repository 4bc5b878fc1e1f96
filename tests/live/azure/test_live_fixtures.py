"""Every Azure rule on every live fixture beside it: the fixture's GET bodies served by the
fake Resource Manager, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` tenant every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the subscription, the region and the resource's ARM id.
A live fixture is {"description": ..., "resources": [GET bodies, each with its ARM id]}.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.live.azure.fake_arm import FakeArm
from tests.live.azure.harness import audit_fake
from tests.rules.cases import FixtureCase, assert_outcome, live_cases, provider_of, rules_where

CASES = live_cases("azure")


def test_every_azure_rule_has_live_fixtures() -> None:
    rules = rules_where(lambda rule: provider_of(rule) == "azure")
    covered = {(case.rule_id, case.expectation) for case in CASES}
    for rule in rules:
        assert {(rule.id, "pass"), (rule.id, "fail")} <= covered, rule.id


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{case.rule_id}:{case.fixture.parent.name}/{case.fixture.name}" for case in CASES],
)
def test_rule_on_live_fixture(case: FixtureCase, fake_arm: FakeArm, ca_pem: Path) -> None:
    resources = json.loads(case.fixture.read_text("utf-8"))["resources"]
    fake_arm.seed(resources)
    report = audit_fake(fake_arm, ca_pem, rules=(case.rule_id,))
    assert report.errors == [], [e.as_dict() for e in report.errors]
    assert_outcome(report, case)
    subscriptions = {str(r["id"]).split("/")[2].lower() for r in resources}
    for result in report.results:
        location = result.resource.location
        assert location.source == "live"
        assert str(location.account).lower() in subscriptions
        assert result.resource.id.lower() in {str(r["id"]).lower() for r in resources}
        assert location.region == "westeurope" or result.resource.kind.startswith(
            "azure.authorization"
        )
