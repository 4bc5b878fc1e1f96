"""Every rule, on every fixture beside it: one generic test, no per-rule test code.

A rule folder holds `rule.yaml` and fixtures named by what they expect of every resource of
the rule's kind in them: `pass*.<ext>` all pass, `fail*.<ext>` all fail, `undecided*.<ext>`
all undecided (values known only after apply). Adding a rule never means editing a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, scan

FIXTURE_SUFFIXES = (".tf", ".json", ".yaml", ".yml")
EXPECTATIONS = ("pass", "fail", "undecided")


def _fixtures() -> list[tuple[str, str, Path]]:
    cases = []
    for rule in load_rules([builtin_rules_dir()], load_catalog()):
        folder = Path(rule.path).parent
        for fixture in sorted(folder.iterdir()):
            expectation = next((e for e in EXPECTATIONS if fixture.name.startswith(e)), None)
            if expectation and fixture.suffix in FIXTURE_SUFFIXES:
                cases.append((rule.id, expectation, fixture))
    return cases


# Live fixtures (`pass.live.json`) seed an account under moto and are run by
# tests/live/aws/test_live_fixtures.py; they count here as a rule's pass / fail fixtures.
LIVE_SUFFIX = ".live.json"
ALL_FIXTURES = _fixtures()
CASES = [case for case in ALL_FIXTURES if not case[2].name.endswith(LIVE_SUFFIX)]


def test_every_rule_has_a_pass_and_a_fail_fixture() -> None:
    rules = load_rules([builtin_rules_dir()], load_catalog())
    assert rules, "no rules found"
    for rule in rules:
        kinds = {expectation for rule_id, expectation, _ in ALL_FIXTURES if rule_id == rule.id}
        assert {"pass", "fail"} <= kinds, f"{rule.id} ({rule.path}) lacks pass or fail fixtures"


@pytest.mark.parametrize(
    ("rule_id", "expectation", "fixture"),
    CASES,
    ids=[f"{rule_id}:{fixture.name}" for rule_id, _, fixture in CASES],
)
def test_rule_on_fixture(rule_id: str, expectation: str, fixture: Path) -> None:
    report = scan(
        [str(fixture)], ScanOptions(only_rules=(rule_id,), include_passed=True, workers=1)
    )
    assert not report.errors, report.errors
    judged = report.summary.passed + report.summary.failed + report.summary.undecided
    assert judged > 0, f"{fixture} has no resource of the rule's kind"
    expected = {
        "pass": (judged, 0, 0),
        "fail": (0, judged, 0),
        "undecided": (0, 0, judged),
    }[expectation]
    outcome = (report.summary.passed, report.summary.failed, report.summary.undecided)
    wrong = [
        f"{r.resource.id} {r.status}" for r in report.results if r.status != expectation + "ed"
    ]
    assert outcome == expected, f"{fixture}: passed/failed/undecided = {outcome}; {wrong}"
