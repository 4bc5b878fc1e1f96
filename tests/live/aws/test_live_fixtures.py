"""Every rule on every live fixture beside it: an account built under moto, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` account every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the account, the region and the resource's ARN.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from moto import mock_aws

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.aws import AwsAuditOptions, aws_source
from tests.live.aws.seed import ACCOUNT, load_fixture, seed, unexpected_gaps

LIVE_SUFFIX = ".live.json"
EXPECTATIONS = ("pass", "fail", "undecided")


def _cases() -> list[tuple[str, str, Path]]:
    cases = []
    for rule in load_rules([builtin_rules_dir()], load_catalog()):
        if not rule.kind.startswith("aws."):
            continue  # Azure and Google live fixtures are seeded into their own fakes
        for fixture in sorted(Path(rule.path).parent.glob(f"*{LIVE_SUFFIX}")):
            expectation = next((e for e in EXPECTATIONS if fixture.name.startswith(e)), None)
            if expectation:
                cases.append((rule.id, expectation, fixture))
    return cases


CASES = _cases()


def test_live_fixtures_exist() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("rule_id", "expectation", "fixture"),
    CASES,
    ids=[f"{rule_id}:{fixture.parent.name}/{fixture.name}" for rule_id, _, fixture in CASES],
)
def test_rule_on_live_fixture(rule_id: str, expectation: str, fixture: Path) -> None:
    spec = load_fixture(fixture)
    with mock_aws():
        seed(spec)
        report = audit(
            aws_source(AwsAuditOptions(regions=tuple(spec["regions"]), workers=2)),
            ScanOptions(only_rules=(rule_id,), include_passed=True),
        )
    assert not unexpected_gaps(report), [e.as_dict() for e in report.errors]
    judged = report.summary.passed + report.summary.failed + report.summary.undecided
    assert judged > 0, f"{fixture} has no resource of the rule's kind"
    outcome = (report.summary.passed, report.summary.failed, report.summary.undecided)
    expected = {"pass": (judged, 0, 0), "fail": (0, judged, 0), "undecided": (0, 0, judged)}
    wrong = [
        f"{r.resource.id} {r.status}" for r in report.results if r.status != expectation + "ed"
    ]
    assert outcome == expected[expectation], f"{fixture}: {outcome}; {wrong}"
    for result in report.results:
        location = result.resource.location
        assert (location.source, location.account) == ("live", ACCOUNT)
        assert result.resource.id.startswith("arn:aws:")
        assert location.region in spec["regions"] or result.resource.kind.startswith("aws.iam.")
