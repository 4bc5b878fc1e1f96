"""A plan of the sample estate gives the same findings as its Terraform code.

The plan (tests/data/iac.plan.json, see its README) was made by Terraform itself, so this
checks the two Terraform sources against each other on real output, not on hand-written JSON.
"""

from __future__ import annotations

from pathlib import Path

from scanner.pipeline import ScanOptions, scan

TOP = Path(__file__).resolve().parents[1]


def _outcomes(path: Path) -> dict[str, set[tuple[str, str]]]:
    report = scan([str(path)], ScanOptions(include_passed=True, workers=1))
    assert report.errors == []
    by_status: dict[str, set[tuple[str, str]]] = {"passed": set(), "failed": set()}
    # The plan was made of the AWS estate only (Terraform here has only the aws provider); the
    # Azure and Google parts of iac/ have tests of their own.
    for result in (r for r in report.results if r.resource.provider == "aws"):
        by_status[result.status].add((result.resource.id, result.rule.id))
    return by_status


def test_plan_of_the_sample_estate_fails_exactly_what_its_code_fails() -> None:
    code = _outcomes(TOP / "iac")
    plan = _outcomes(TOP / "tests" / "data" / "iac.plan.json")
    assert plan["failed"] == code["failed"]
    # A pass may be undecided in the plan (a conditional null left to the provider), never
    # turned into a failure.
    assert plan["passed"] <= code["passed"]
    assert len(code["passed"] - plan["passed"]) <= 1
