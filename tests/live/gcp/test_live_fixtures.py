"""Every Google rule on every live fixture beside it: the fake seeded, then audited.

The same expectations as the IaC fixtures (tests/rules/test_rule_fixtures.py): in a
`pass*.live.json` project every resource of the rule's kind passes, in `fail*` every one
fails; and each result carries the project, the location and the full resource name.
"""

from __future__ import annotations

import pytest

from scanner.engine.conditions import kinds_touched
from scanner.engine.rules import Rule
from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.gcp.source import gcp_source
from scanner.sources.live.gcp.specs import LIVE_TYPES
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
# Kinds read from the project's IAM policy: no location in their names.
_PROJECT_WIDE = ("gcp.iam.role_grant", "gcp.iam.audit_config")


# Rules whose kind the audit reads, but not the part of it they judge (docs/coverage.md): the
# audit reads the project's IAM policy, not the IAM policies of single service accounts.
_NOT_READ_LIVE = frozenset({"MLP-GCP-IAM-010"})


def _judged_live(rule: Rule, live_kinds: set[str]) -> bool:
    """Whether the audit reads the rule's kind and every kind its related tests join to
    (and the part of the kind the rule judges: docs/coverage.md)."""
    if rule.id in _NOT_READ_LIVE:
        return False
    return {rule.kind, *kinds_touched(rule.check)} <= live_kinds


def test_every_google_rule_judged_live_has_live_fixtures() -> None:
    """Every Google rule the live audit can judge has a pass and a fail live fixture."""
    catalog = builtin_rulebook().catalog
    live_kinds = {
        table.kind.name
        for native_type, tables in catalog.by_native_type.items()
        if native_type in LIVE_TYPES
        for table in tables
    }
    google = {
        rule.id
        for rule in rules_where(
            lambda rule: provider_of(rule) == "gcp" and _judged_live(rule, live_kinds)
        )
    }
    assert len(google) > 30  # the Vertex AI, Workbench and IAM rules
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
        if result.resource.kind not in _PROJECT_WIDE:
            assert f"/locations/{location.region}/" in result.resource.id
