"""What the generic fixture tests share: the built-in rules, loaded once per test session,
the fixtures beside each rule, and what a fixture's name expects of a report.

A rule folder holds `rule.yaml` and fixtures named by what they expect of every resource of
the rule's kind in them: `pass*` all pass, `fail*` all fail, `undecided*` all undecided
(values known only after apply). `*.live.json` fixtures seed a fake cloud and are audited
(tests/live/*/test_live_fixtures.py); the others are scanned (tests/rules).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scanner.engine.rulebook import RuleBook, load_rulebook
from scanner.engine.rules import Rule, builtin_rules_dir
from scanner.report import Report

EXPECTATIONS = ("pass", "fail", "undecided")
FIXTURE_SUFFIXES = (".tf", ".json", ".yaml", ".yml")
LIVE_SUFFIX = ".live.json"


@cache
def builtin_rulebook() -> RuleBook:
    """The catalog and the built-in rules, read once per test session (a scan given it reads
    no rule file again). Frozen: no test can change what another one sees."""
    return load_rulebook()


@dataclass(frozen=True, slots=True)
class FixtureCase:
    rule_id: str
    expectation: str  # pass | fail | undecided
    fixture: Path

    @property
    def is_live(self) -> bool:
        return self.fixture.name.endswith(LIVE_SUFFIX)


def rule_folder(rule: Rule) -> Path:
    return Path(rule.path).parent


def provider_of(rule: Rule) -> str:
    """aws | azure | gcp: the first folder under the built-in rules."""
    return rule_folder(rule).relative_to(builtin_rules_dir()).parts[0]


@cache
def fixture_cases() -> tuple[FixtureCase, ...]:
    """Every fixture of every built-in rule, IaC and live, in rule order."""
    cases = []
    for rule in builtin_rulebook().rules:
        for fixture in sorted(rule_folder(rule).iterdir()):
            expectation = next((e for e in EXPECTATIONS if fixture.name.startswith(e)), None)
            if expectation and fixture.suffix in FIXTURE_SUFFIXES:
                cases.append(FixtureCase(rule.id, expectation, fixture))
    return tuple(cases)


def live_cases(provider: str) -> list[FixtureCase]:
    """The live fixtures of one provider's rules."""
    rules = {r.id for r in builtin_rulebook().rules if provider_of(r) == provider}
    return [c for c in fixture_cases() if c.is_live and c.rule_id in rules]


def rules_where(keep: Callable[[Rule], bool]) -> list[Rule]:
    return [r for r in builtin_rulebook().rules if keep(r)]


def assert_outcome(report: Report, case: FixtureCase) -> None:
    """Every resource of the rule's kind in the fixture has the outcome its name expects,
    and there is at least one."""
    summary = report.summary
    outcome = (summary.passed, summary.failed, summary.undecided)
    judged = sum(outcome)
    assert judged > 0, f"{case.fixture} has no resource of the rule's kind"
    expected = {
        "pass": (judged, 0, 0),
        "fail": (0, judged, 0),
        "undecided": (0, 0, judged),
    }[case.expectation]
    wrong = [
        f"{r.resource.id} {r.status}" for r in report.results if r.status != case.expectation + "ed"
    ]
    assert outcome == expected, f"{case.fixture}: passed/failed/undecided = {outcome}; {wrong}"
