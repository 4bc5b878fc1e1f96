"""Every Google rule on every live fixture beside it: the fake seeded, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` project every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the project, the location and the full resource name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.gcp.source import gcp_source
from tests.live.gcp.estate import load_fixture, options, seed
from tests.live.gcp.fake_google import FakeGoogle

LIVE_SUFFIX = ".live.json"
EXPECTATIONS = ("pass", "fail", "undecided")
RULES = load_rules([builtin_rules_dir()], load_catalog())


def _cases() -> list[tuple[str, str, Path]]:
    cases = []
    for rule in RULES:
        if not rule.kind.startswith("gcp."):
            continue
        for fixture in sorted(Path(rule.path).parent.glob(f"*{LIVE_SUFFIX}")):
            expectation = next((e for e in EXPECTATIONS if fixture.name.startswith(e)), None)
            if expectation:
                cases.append((rule.id, expectation, fixture))
    return cases


CASES = _cases()


def test_every_google_rule_has_live_fixtures() -> None:
    """Every Google rule can be judged live, so each has a pass and a fail live fixture."""
    google = {rule.id for rule in RULES if rule.kind.startswith("gcp.")}
    for expectation in ("pass", "fail"):
        covered = {rule_id for rule_id, e, _ in CASES if e == expectation}
        assert google == covered, sorted(google - covered)


@pytest.mark.parametrize(
    ("rule_id", "expectation", "fixture"),
    CASES,
    ids=[f"{rule_id}:{fixture.parent.name}/{fixture.name}" for rule_id, _, fixture in CASES],
)
def test_rule_on_live_fixture(
    rule_id: str, expectation: str, fixture: Path, fake: FakeGoogle
) -> None:
    project = seed(fake, load_fixture(fixture))
    report = audit(
        gcp_source(options(fake, projects=(project,))),
        ScanOptions(only_rules=(rule_id,), include_passed=True),
    )
    assert report.errors == [], [e.as_dict() for e in report.errors]
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
        assert (location.source, location.account) == ("live", project)
        assert result.resource.id.startswith(f"projects/{project}/")
        assert location.region is not None
        if result.resource.kind != "gcp.iam.role_grant":
            assert f"/locations/{location.region}/" in result.resource.id
