"""Every rule on every live fixture beside it: an account built under moto, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` account every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the account, the region and the resource's ARN.
"""

from __future__ import annotations

import pytest
from moto import mock_aws

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.live.aws.seed import ACCOUNT, load_fixture, seed, unexpected_gaps
from tests.rules.cases import FixtureCase, assert_outcome, builtin_rulebook, live_cases

CASES = live_cases("aws")


def test_live_fixtures_exist() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{case.rule_id}:{case.fixture.parent.name}/{case.fixture.name}" for case in CASES],
)
def test_rule_on_live_fixture(case: FixtureCase) -> None:
    spec = load_fixture(case.fixture)
    with mock_aws():
        seed(spec)
        report = audit(
            aws_source(AwsAuditOptions(regions=tuple(spec["regions"]), workers=2)),
            ScanOptions(only_rules=(case.rule_id,), include_passed=True),
            rulebook=builtin_rulebook(),
        )
    assert not unexpected_gaps(report), [e.as_dict() for e in report.errors]
    assert_outcome(report, case)
    for result in report.results:
        location = result.resource.location
        assert (location.source, location.account) == ("live", ACCOUNT)
        assert result.resource.id.startswith("arn:aws:")
        assert location.region in spec["regions"] or result.resource.kind.startswith("aws.iam.")
