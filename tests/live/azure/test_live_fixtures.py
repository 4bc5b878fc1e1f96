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

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from tests.live.azure.fake_arm import FakeArm
from tests.live.azure.harness import audit_fake

LIVE_SUFFIX = ".live.json"
EXPECTATIONS = ("pass", "fail", "undecided")


def _cases() -> list[tuple[str, str, Path]]:
    cases = []
    for rule in load_rules([builtin_rules_dir()], load_catalog()):
        folder = Path(rule.path).parent
        if "azure" not in folder.relative_to(builtin_rules_dir()).parts[:1]:
            continue
        for fixture in sorted(folder.glob(f"*{LIVE_SUFFIX}")):
            expectation = next((e for e in EXPECTATIONS if fixture.name.startswith(e)), None)
            if expectation:
                cases.append((rule.id, expectation, fixture))
    return cases


CASES = _cases()


def test_every_azure_rule_has_live_fixtures() -> None:
    rules = [
        r
        for r in load_rules([builtin_rules_dir()], load_catalog())
        if Path(r.path).parent.relative_to(builtin_rules_dir()).parts[0] == "azure"
    ]
    covered = {(rule_id, expectation) for rule_id, expectation, _ in CASES}
    for rule in rules:
        assert {(rule.id, "pass"), (rule.id, "fail")} <= covered, rule.id


@pytest.mark.parametrize(
    ("rule_id", "expectation", "fixture"),
    CASES,
    ids=[f"{rule_id}:{fixture.parent.name}/{fixture.name}" for rule_id, _, fixture in CASES],
)
def test_rule_on_live_fixture(
    rule_id: str, expectation: str, fixture: Path, fake_arm: FakeArm, ca_pem: Path
) -> None:
    resources = json.loads(fixture.read_text("utf-8"))["resources"]
    fake_arm.seed(resources)
    report = audit_fake(fake_arm, ca_pem, rules=(rule_id,))
    assert report.errors == [], [e.as_dict() for e in report.errors]
    judged = report.summary.passed + report.summary.failed + report.summary.undecided
    assert judged > 0, f"{fixture} has no resource of the rule's kind"
    outcome = (report.summary.passed, report.summary.failed, report.summary.undecided)
    expected = {"pass": (judged, 0, 0), "fail": (0, judged, 0), "undecided": (0, 0, judged)}
    wrong = [
        f"{r.resource.id} {r.status}" for r in report.results if r.status != expectation + "ed"
    ]
    assert outcome == expected[expectation], f"{fixture}: {outcome}; {wrong}"
    subscriptions = {str(r["id"]).split("/")[2].lower() for r in resources}
    for result in report.results:
        location = result.resource.location
        assert location.source == "live"
        assert str(location.account).lower() in subscriptions
        assert result.resource.id.lower() in {str(r["id"]).lower() for r in resources}
        assert location.region == "westeurope" or result.resource.kind.startswith(
            "azure.authorization"
        )
