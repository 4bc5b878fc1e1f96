"""The engine's outcomes as results: ordered, fingerprinted and built on columns, exactly as
one `Result` per outcome sorted by `result_order` would be (baselines and suppressions keep
their fingerprints; every writer sees the same list)."""

from __future__ import annotations

import gc
from pathlib import Path

import polars as pl
import pytest

from scanner.engine.tables import ROW_ID
from scanner.model.resource import Location, Resource
from scanner.report import Result, SharedParts, fingerprint, result_dicts
from scanner.sources.load import load_sources
from scanner.stages import Judged, enrich, normalize_all, result_order, results_of, run_engine
from tests.rules.cases import builtin_rulebook

ESTATE = Path("iac")


@pytest.fixture(scope="module")
def judged() -> Judged:
    book = builtin_rulebook()
    load = load_sources([(ESTATE, str(ESTATE))], book.catalog.native_types, workers=1)
    normalized = enrich(normalize_all(load.resources, book.catalog))
    return run_engine(normalized, book.catalog, list(book.rules))


def _one_by_one(judged: Judged, include_passed: bool) -> list[Result]:
    """Results as they were built before the columns: one `Result` per decided outcome, then
    a sort of the list on `result_order`."""
    shown = judged.outcomes.filter(pl.col("passed").is_not_null())
    if not include_passed:
        shown = shown.filter(~pl.col("passed"))
    results = [
        Result(
            rule=judged.rules[rule_id],
            resource=judged.resources[row],
            status="passed" if passed else "failed",
            fingerprint=fingerprint(rule_id, judged.resources[row]),
            evidence=() if passed else judged.evidence.get(rule_id, {}).get(row, ()),
        )
        for row, rule_id, passed in shown.select(ROW_ID, "rule_id", "passed").iter_rows()
    ]
    results.sort(key=result_order)
    return results


@pytest.mark.parametrize("include_passed", [False, True])
def test_results_are_the_sorted_results_of_every_outcome(
    judged: Judged, include_passed: bool
) -> None:
    results = results_of(judged, include_passed)
    expected = _one_by_one(judged, include_passed)
    # The estate has what the order weighs: attack paths, every severity, passes, files.
    assert {r.status for r in expected} == ({"failed", "passed"} if include_passed else {"failed"})
    assert any(r.is_attack_path for r in expected)
    assert len({r.rule.severity for r in expected}) >= 3
    assert len({r.resource.location.file for r in expected}) >= 5
    assert results == expected
    assert [r.fingerprint for r in results] == [r.fingerprint for r in expected]
    assert list(result_dicts(results)) == list(result_dicts(expected))


def test_no_outcome_shown_is_no_result(judged: Judged) -> None:
    nothing = Judged(judged.resources, judged.rules, judged.outcomes.clear(), {})
    assert results_of(nothing, include_passed=True) == []


def test_collection_is_on_again_after_the_results(judged: Judged) -> None:
    results_of(judged, include_passed=False)
    assert gc.isenabled()
    gc.disable()
    try:
        results_of(judged, include_passed=False)
        assert not gc.isenabled()  # as it was: a caller's pause is left alone
    finally:
        gc.enable()


def test_shared_parts_give_what_each_result_says_alone(judged: Judged) -> None:
    results = results_of(judged, include_passed=True)
    shared = SharedParts()
    assert [shared.result_dict(r) for r in results] == [r.as_dict() for r in results]


def test_fingerprints_on_columns_are_the_fingerprints_of_each_resource() -> None:
    """Code (file), live (account, no file), an empty file name, neither; two scopes."""
    rule = next(r for r in builtin_rulebook().rules if r.id == "MLP-AWS-SM-002")
    places = [
        Location("terraform", file="main.tf", line=3),
        Location("live", account="444455556666", region="eu-west-1"),
        Location("cloudformation", file="", line=None, account="111122223333"),
        Location("arm"),
    ]
    resources = [
        Resource(f"r{i}", rule.kind, "aws", "t", f"n{i}", place, {}, scope=f"s{i % 2}")
        for i, place in enumerate(places)
    ]
    outcomes = pl.DataFrame(
        {ROW_ID: range(len(resources)), "rule_id": rule.id, "passed": False},
        schema={ROW_ID: pl.UInt32(), "rule_id": pl.String(), "passed": pl.Boolean()},
    )
    judged = Judged(resources, {rule.id: rule}, outcomes, {})
    results = results_of(judged, include_passed=False)
    assert sorted(r.fingerprint for r in results) == sorted(
        fingerprint(rule.id, resource) for resource in resources
    )
    assert results == _one_by_one(judged, include_passed=False)
