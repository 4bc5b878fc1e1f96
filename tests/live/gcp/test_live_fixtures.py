"""Every Google rule on every live fixture beside it: the fake seeded, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` project every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the project, the location and the full resource name.
"""

from __future__ import annotations

import pytest

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.gcp.source import gcp_source
from tests.live.gcp.estate import load_fixture, options, seed
from tests.live.gcp.fake_google import FakeGoogle
from tests.rules.cases import (
    FixtureCase,
    assert_outcome,
    builtin_rulebook,
    live_cases,
    provider_of,
    rules_where,
)

CASES = live_cases("gcp")


def test_every_google_rule_has_live_fixtures() -> None:
    """Every Google rule can be judged live, so each has a pass and a fail live fixture."""
    google = {rule.id for rule in rules_where(lambda rule: provider_of(rule) == "gcp")}
    for expectation in ("pass", "fail"):
        covered = {case.rule_id for case in CASES if case.expectation == expectation}
        assert google == covered, sorted(google - covered)


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{case.rule_id}:{case.fixture.parent.name}/{case.fixture.name}" for case in CASES],
)
def test_rule_on_live_fixture(case: FixtureCase, fake: FakeGoogle) -> None:
    project = seed(fake, load_fixture(case.fixture))
    report = audit(
        gcp_source(options(fake, projects=(project,))),
        ScanOptions(only_rules=(case.rule_id,), include_passed=True),
        rulebook=builtin_rulebook(),
    )
    assert report.errors == [], [e.as_dict() for e in report.errors]
    assert_outcome(report, case)
    for result in report.results:
        location = result.resource.location
        assert (location.source, location.account) == ("live", project)
        assert result.resource.id.startswith(f"projects/{project}/")
        assert location.region is not None
        if result.resource.kind != "gcp.iam.role_grant":
            assert f"/locations/{location.region}/" in result.resource.id
