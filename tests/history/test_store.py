"""The history store on SQLite and PostgreSQL alike: what a run records, what is new, what
is resolved, how old a finding is, and that unchanged runs cost no rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from scanner.history.query import diff_runs, list_runs, previous_run
from scanner.history.schema import resources, rules, runs, spans
from scanner.history.store import open_store
from tests.history.helpers import ACCOUNT, START, record, result


@pytest.fixture
def engine(store: str) -> Iterator[Engine]:
    engine = open_store(store)
    yield engine
    engine.dispose()


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_first_run_is_all_new_and_the_same_run_again_nothing(engine: Engine) -> None:
    batch = [result(i) for i in range(30)]
    first = record(engine, 0, batch)
    assert first.previous_run is None
    assert first.new == {r["fingerprint"] for r in batch}
    assert set(first.first_seen.values()) == {START}

    second = record(engine, 1, batch)
    assert second.previous_run == first.run_id
    assert second.new == frozenset() and second.changed == frozenset()
    assert second.resolved == []
    # Still failing since the first run: first seen is when the streak began.
    assert set(second.first_seen.values()) == {START}


def test_unchanged_runs_add_no_rows(engine: Engine) -> None:
    batch = [result(i) for i in range(300)]
    for day in range(10):
        record(engine, day, batch)
    assert _count(engine, runs) == 10
    assert _count(engine, spans) == 300  # not 3,000
    assert _count(engine, resources) == 100  # three results per notebook
    assert _count(engine, rules) == 3


def test_new_resolved_and_changed(engine: Engine) -> None:
    record(engine, 0, [result(i) for i in range(6)])
    now = [
        result(0),  # unchanged
        result(1, evidence="Still enabled"),  # changed evidence: not new
        result(2, "passed"),  # fixed
        result(3, "suppressed", suppression={"reason": "accepted risk"}),
        # 4 and 5 are gone: the notebook was deleted
        result(6),  # new
    ]
    second = record(engine, 1, now)
    assert second.new == {"fp-123456789012-eu-west-1-00000006"}
    assert second.changed == {r["fingerprint"] for r in now[1:]}
    resolved = {r["fingerprint"]: r for r in second.resolved}
    assert set(resolved) == {result(i)["fingerprint"] for i in (2, 4, 5)}
    assert second.resolved_failed == 3
    # A resolved finding comes back whole, for exporters: rule, resource, evidence.
    gone = resolved[result(4)["fingerprint"]]
    assert gone == {**result(4), "status": "resolved"}

    before, after = list_runs(engine)
    diff = diff_runs(engine, before, after)
    assert [f.fingerprint for f in diff.new] == [result(6)["fingerprint"]]
    assert {f.fingerprint for f in diff.resolved} == {result(i)["fingerprint"] for i in (2, 4, 5)}
    assert [f.fingerprint for f in diff.suppressed] == [result(3)["fingerprint"]]
    assert {f.fingerprint for f in diff.still_failing} == {result(i)["fingerprint"] for i in (0, 1)}
    assert after.new == 1 and after.resolved == 3 and after.failed == 3


def test_age_and_first_seen_follow_the_failing_streak(engine: Engine) -> None:
    fingerprint = result(0)["fingerprint"]
    record(engine, 0, [result(0)])
    record(engine, 5, [result(0, evidence="other")])  # evidence changed: the streak goes on
    third = record(engine, 9, [result(0)])
    assert third.first_seen[fingerprint] == START
    diff = diff_runs(engine, *list_runs(engine)[-2:])
    assert diff.still_failing[0].first_seen == START
    assert diff.still_failing[0].age_days(diff.after.generated_at) == 9

    record(engine, 10, [result(0, "passed")])
    back = record(engine, 11, [result(0)])  # a regression is new again, with a new streak
    assert back.new == {fingerprint}
    assert back.first_seen[fingerprint] == START + timedelta(days=11)


def test_scopes_do_not_see_each_other(engine: Engine) -> None:
    other = {"accounts": ["210987654321"], "regions": ["eu-west-1"]}
    record(engine, 0, [result(i) for i in range(3)])
    record(engine, 1, [result(i, account="210987654321") for i in range(3)], scope=other)
    again = record(engine, 2, [result(i) for i in range(3)])
    assert again.new == frozenset() and again.resolved == []
    # Same scope listed in another order: the same scope.
    swapped = record(
        engine,
        3,
        [result(i) for i in range(3)],
        scope={"regions": ["eu-west-1"], "accounts": [ACCOUNT]},
    )
    assert swapped.previous_run == again.run_id
    assert [r.scope for r in list_runs(engine, scope="210987654321")] == [other]


def test_a_place_the_run_could_not_read_keeps_its_findings_open(engine: Engine) -> None:
    sagemaker_gap = {
        "file": f"aws://{ACCOUNT}/eu-west-1/sagemaker",
        "line": None,
        "message": "not covered (access-denied): ListNotebookInstances",
        "account": ACCOUNT,
        "region": "eu-west-1",
        "service": "sagemaker",
    }
    record(engine, 0, [result(0), result(1, region="us-east-1")])
    partial = record(engine, 1, [], errors=[sagemaker_gap])
    # eu-west-1 was not read: not known to be fixed. us-east-1 was read: resolved.
    assert partial.carried == 1
    assert [r["fingerprint"] for r in partial.resolved] == [
        result(1, region="us-east-1")["fingerprint"]
    ]
    assert partial.new_errors == 1
    again = record(engine, 2, [], errors=[{**sagemaker_gap, "message": "another request id"}])
    assert again.carried == 1 and again.new_errors == 0
    read = record(engine, 3, [])
    assert [r["fingerprint"] for r in read.resolved] == [result(0)["fingerprint"]]


def test_a_file_that_did_not_parse_keeps_its_findings_open(engine: Engine) -> None:
    code = {"paths": ["infra"]}

    def in_file(number: int, file: str) -> dict[str, object]:
        base = result(number)
        return {
            **base,
            "resource": {**base["resource"], "file": file, "account": None, "source": "terraform"},
        }

    record(engine, 0, [in_file(0, "infra/a.tf"), in_file(1, "infra/b.tf")], scope=code)
    broken = {"file": "infra/a.tf", "line": 3, "message": "syntax error"}
    run = record(engine, 1, [], scope=code, errors=[broken])
    assert run.carried == 1
    assert [r["fingerprint"] for r in run.resolved] == [in_file(1, "x")["fingerprint"]]


def test_diff_of_older_runs_and_history_order(engine: Engine) -> None:
    for day in range(6):
        record(engine, day, [result(i) for i in range(day, day + 3)], score=50.0 + day)
    history = list_runs(engine)
    assert [r.score for r in history] == [50.0 + d for d in range(6)]
    assert [r.id for r in list_runs(engine, limit=2)] == [history[-2].id, history[-1].id]
    diff = diff_runs(engine, history[1], history[3])
    assert {f.fingerprint for f in diff.new} == {result(i)["fingerprint"] for i in (4, 5)}
    assert {f.fingerprint for f in diff.resolved} == {result(i)["fingerprint"] for i in (1, 2)}
    assert [f.fingerprint for f in diff.still_failing] == [result(3)["fingerprint"]]
    assert previous_run(engine, history[3]) == history[2]
    assert previous_run(engine, history[0]) is None


def test_diff_limit_keeps_counts_whole(engine: Engine) -> None:
    record(engine, 0, [result(i) for i in range(40)])
    record(engine, 1, [result(i) for i in range(40)])
    diff = diff_runs(engine, *list_runs(engine), limit=5)
    assert len(diff.still_failing) == 5
    assert sum(diff.by_severity()["still_failing"].values()) == 40
    assert diff.as_dict()["still_failing_not_listed"] == 35
