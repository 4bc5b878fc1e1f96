"""Every rule, on every fixture beside it: one generic test, no per-rule test code.

A rule folder holds `rule.yaml` and fixtures named by what they expect of every resource of
the rule's kind in them: `pass*.<ext>` all pass, `fail*.<ext>` all fail, `undecided*.<ext>`
all undecided (values known only after apply). Adding a rule never means editing a test.
The rules are read once per session (tests/rules/cases.py), not once per fixture.
"""

from __future__ import annotations

import pytest

from scanner.pipeline import ScanOptions, scan
from tests.rules.cases import FixtureCase, assert_outcome, builtin_rulebook, fixture_cases

# Live fixtures (`pass.live.json`) seed a fake cloud and are run by
# tests/live/*/test_live_fixtures.py; they count here as a rule's pass / fail fixtures.
CASES = [case for case in fixture_cases() if not case.is_live]


def test_every_rule_has_a_pass_and_a_fail_fixture() -> None:
    rules = builtin_rulebook().rules
    assert rules, "no rules found"
    for rule in rules:
        kinds = {case.expectation for case in fixture_cases() if case.rule_id == rule.id}
        assert {"pass", "fail"} <= kinds, f"{rule.id} ({rule.path}) lacks pass or fail fixtures"


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{case.rule_id}:{case.fixture.name}" for case in CASES]
)
def test_rule_on_fixture(case: FixtureCase) -> None:
    report = scan(
        [str(case.fixture)],
        ScanOptions(only_rules=(case.rule_id,), include_passed=True, workers=1),
        builtin_rulebook(),
    )
    assert not report.errors, report.errors
    assert_outcome(report, case)
